package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.xero.ledger.Account;
import io.fieldsync.accounting.sandbox.xero.ledger.Item;
import io.fieldsync.accounting.sandbox.xero.ledger.LineAmountType;
import io.fieldsync.accounting.sandbox.xero.ledger.LineItem;
import io.fieldsync.accounting.sandbox.xero.ledger.Money;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.ledger.TaxCalculator;
import io.fieldsync.accounting.sandbox.xero.ledger.TaxRate;
import io.fieldsync.accounting.sandbox.xero.wire.ValidationMessages;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads and checks the {@code LineItems} of an invoice or credit note (spec schema LineItem): an ItemCode supplies
 * defaults; a missing Quantity is 1; a missing UnitAmount is derived from LineAmount; a LineAmount that disagrees
 * with Quantity × UnitAmount (less discount) by more than a cent is refused; the account must be active and not a
 * bank account; the tax type must exist, be active and (on sales) apply to revenue; when no tax type is given the
 * account's is used; a TaxAmount sent by the client overrides the calculated one (spec: "can be overriden").
 */
final class LineItemsReader {

    private static final BigDecimal CENT = new BigDecimal("0.01");

    record Result(List<LineItem> lines, List<String> errors) {
    }

    private final Organisation org;
    private final LineAmountType amountType;
    private final boolean sales;
    private final boolean approved;
    private final boolean discountsAllowed;
    private final int unitDecimals;

    LineItemsReader(Organisation org, LineAmountType amountType, boolean sales, boolean approved,
                    boolean discountsAllowed, int unitDecimals) {
        this.org = org;
        this.amountType = amountType;
        this.sales = sales;
        this.approved = approved;
        this.discountsAllowed = discountsAllowed;
        this.unitDecimals = unitDecimals;
    }

    /** @param previous the document's current lines by id, so that a line sent with its LineItemID keeps it */
    Result read(JsonNode lineItems, Map<UUID, LineItem> previous) {
        List<LineItem> lines = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (lineItems != null && !lineItems.isNull()) {
            if (!lineItems.isArray()) {
                throw Fields.invalid("LineItems");
            }
            for (JsonNode node : lineItems) {
                read(node, previous, errors).ifPresent(lines::add);
            }
        }
        return new Result(lines, errors);
    }

    private Optional<LineItem> read(JsonNode node, Map<UUID, LineItem> previous, List<String> errors) {
        int errorsBefore = errors.size();
        String description = Fields.text(node, "Description").orElse(null);
        String itemCode = Fields.text(node, "ItemCode").orElse(null);
        BigDecimal unitAmount = Fields.decimal(node, "UnitAmount").map(this::unit).orElse(null);
        String accountCode = Fields.text(node, "AccountCode").orElse(null);
        Optional<UUID> accountId = Fields.uuid(node, "AccountID");
        String taxType = Fields.text(node, "TaxType").orElse(null);

        if (itemCode != null) {
            Optional<Item> item = org.itemByCode(itemCode);
            if (item.isEmpty()) {
                errors.add(ValidationMessages.invalidItemCode(itemCode));
            } else {
                itemCode = item.get().code();
                description = description != null ? description : item.get().description();
                unitAmount = unitAmount != null ? unitAmount : unit(item.get().salesUnitPrice());
                accountCode = accountCode != null || accountId.isPresent() ? accountCode : item.get().salesAccountCode();
                taxType = taxType != null ? taxType : item.get().salesTaxType();
            }
        }

        BigDecimal discountRate = Fields.decimal(node, "DiscountRate").orElse(null);
        BigDecimal discountAmount = Fields.decimal(node, "DiscountAmount").orElse(null);
        if (!discountsAllowed && (discountRate != null || discountAmount != null)) {
            errors.add(ValidationMessages.DISCOUNT_ON_CREDIT_NOTE);
        }
        BigDecimal quantity = Fields.decimal(node, "Quantity").orElse(null);
        BigDecimal sentLineAmount = Fields.decimal(node, "LineAmount").orElse(null);
        BigDecimal lineAmount;
        if (quantity == null && unitAmount == null && sentLineAmount == null) {
            lineAmount = Money.ZERO; // a description-only line
        } else {
            quantity = quantity == null ? BigDecimal.ONE : quantity;
            if (unitAmount == null) {
                unitAmount = sentLineAmount == null || quantity.signum() == 0 ? BigDecimal.ZERO
                        : unit(sentLineAmount.divide(quantity, MathContext.DECIMAL64));
            }
            lineAmount = TaxCalculator.lineAmount(quantity, unitAmount, discountRate, discountAmount);
            if (sentLineAmount != null && sentLineAmount.subtract(lineAmount).abs().compareTo(CENT) > 0) {
                errors.add(ValidationMessages.lineAmountMismatch(lineAmount.toPlainString()));
            } else if (sentLineAmount != null) {
                lineAmount = Money.round(sentLineAmount);
            }
        }

        Account account = null;
        if (accountId.isPresent() || accountCode != null) {
            Optional<Account> found = accountId.isPresent() ? org.account(accountId.get()) : org.accountByCode(accountCode);
            if (found.isEmpty() || !found.get().active() || found.get().bank()) {
                errors.add(ValidationMessages.invalidAccountCode(accountCode != null ? accountCode : accountId.get().toString()));
            } else {
                account = found.get();
            }
        } else if (approved) {
            errors.add(ValidationMessages.ACCOUNT_CODE_REQUIRED);
        }

        if (taxType == null && account != null) {
            taxType = account.taxType();
        }
        taxType = RetiredAustralianTaxTypes.replace(org, taxType, account);
        TaxRate rate = null;
        if (taxType != null) {
            Optional<TaxRate> found = org.taxRate(taxType);
            if (found.isEmpty() || !found.get().active() || (sales && !found.get().canApplyToRevenue())) {
                errors.add(ValidationMessages.invalidTaxType(taxType));
            } else {
                rate = found.get();
                taxType = rate.taxType();
            }
        }
        BigDecimal taxAmount = Fields.decimal(node, "TaxAmount").map(Money::round)
                .orElse(TaxCalculator.lineTax(lineAmount, amountType, rate));
        if (amountType == LineAmountType.NoTax) {
            taxAmount = Money.ZERO;
        }

        if (errors.size() > errorsBefore) {
            return Optional.empty();
        }
        UUID id = Fields.uuid(node, "LineItemID").filter(previous::containsKey).orElseGet(UUID::randomUUID);
        JsonNode tracking = node.get("Tracking");
        return Optional.of(new LineItem(id, description, quantity, unitAmount, itemCode,
                account == null ? null : account.code(), null, taxType, taxAmount, lineAmount,
                discountRate, discountAmount, tracking != null && tracking.isArray() ? tracking : null));
    }

    private BigDecimal unit(BigDecimal amount) {
        return amount.setScale(unitDecimals, RoundingMode.HALF_UP);
    }
}
