package io.fieldsync.accounting.xero;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fieldsync.accounting.api.PaymentState;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteItem;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;
import io.fieldsync.accounting.api.spi.ContactPage;
import io.fieldsync.accounting.api.spi.ProviderLedger;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.api.spi.RemoteChanges;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.xero.wire.XeroAccount;
import io.fieldsync.accounting.xero.wire.XeroEnvelope;
import io.fieldsync.accounting.xero.wire.XeroInvoice;

/** What the organisation holds that the engine reads: reference data, contacts, and invoices' payment states. */
final class XeroLedger implements ProviderLedger {

    private static final int PAGE_SIZE = 100;
    private static final int IDS_PER_CALL = 50;
    private static final java.time.Duration POLL_OVERLAP = java.time.Duration.ofMinutes(1);

    private final XeroApi api;
    private final XeroContacts contacts;
    private final Clock clock;

    XeroLedger(XeroApi api, XeroContacts contacts, Clock clock) {
        this.api = api;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public ContactPage contacts(ProviderSession session, int page) {
        return contacts.page(session, page);
    }

    @Override
    public List<RemoteContact> contactsById(ProviderSession session, List<String> remoteIds) {
        return contacts.byId(session, remoteIds);
    }

    /** Organisation name, accounts, tax rates and items: four calls (Xero has no combined endpoint). */
    @Override
    public ReferenceData referenceData(ProviderSession session) {
        XeroEnvelope organisation = api.get(session, "/Organisation", Map.of());
        String name = organisation.organisations() == null ? null
                : organisation.organisations().stream().findFirst().map(org -> org.name()).orElse(null);
        XeroEnvelope accounts = api.get(session, "/Accounts", Map.of());
        XeroEnvelope taxRates = api.get(session, "/TaxRates", Map.of());
        XeroEnvelope items = api.get(session, "/Items", Map.of());
        return new ReferenceData(name,
                accounts.accounts() == null ? List.of() : accounts.accounts().stream().map(XeroLedger::account).toList(),
                taxRates.taxRates() == null ? List.of() : taxRates.taxRates().stream()
                        .map(rate -> new RemoteTaxRate(rate.taxType(), rate.name(),
                                Objects.requireNonNullElse(rate.effectiveRate(), BigDecimal.ZERO), "ACTIVE".equals(rate.status()),
                                !Boolean.FALSE.equals(rate.canApplyToRevenue())))
                        .toList(),
                items.items() == null ? List.of() : items.items().stream()
                        .map(item -> new RemoteItem(item.itemID(), item.code(), item.name() == null ? item.code() : item.name(),
                                !Boolean.FALSE.equals(item.isSold())))
                        .toList(),
                clock.instant());
    }

    @Override
    public RemoteInvoiceState invoiceState(ProviderSession session, String invoiceId) {
        List<XeroInvoice> found = api.get(session, "/Invoices/" + invoiceId, Map.of()).invoiceList();
        if (found.isEmpty()) {
            throw new io.fieldsync.accounting.api.AccountingException(io.fieldsync.accounting.api.SyncError.of(
                    io.fieldsync.accounting.api.ErrorCode.PREREQUISITE_MISSING, "Invoice " + invoiceId + " is not in Xero"));
        }
        return state(found.get(0), clock.instant());
    }

    /** Many invoices in one call per 50 ({@code IDs=}). */
    @Override
    public List<RemoteInvoiceState> invoiceStates(ProviderSession session, List<String> invoiceIds) {
        Instant now = clock.instant();
        List<RemoteInvoiceState> states = new ArrayList<>();
        for (int from = 0; from < invoiceIds.size(); from += IDS_PER_CALL) {
            List<String> chunk = invoiceIds.subList(from, Math.min(invoiceIds.size(), from + IDS_PER_CALL));
            api.get(session, "/Invoices", Map.of("IDs", XeroApi.list(chunk))).invoiceList().forEach(invoice -> states.add(state(invoice, now)));
        }
        return states;
    }

    /** Sales invoices changed since {@code since}, every page. */
    @Override
    public RemoteChanges changesSince(ProviderSession session, Instant since) {
        Instant now = clock.instant();
        List<RemoteInvoiceState> changed = new ArrayList<>();
        for (int page = 1; ; page++) {
            List<XeroInvoice> invoices = api.getModifiedSince(session, "/Invoices",
                    Map.of("where", "Type==\"ACCREC\"", "page", Integer.toString(page)), since).invoiceList();
            invoices.forEach(invoice -> changed.add(state(invoice, now)));
            if (invoices.size() < PAGE_SIZE) {
                break;
            }
        }
        // the next poll overlaps this one by a minute: Xero's clock is not ours, and a repeat costs nothing
        return new RemoteChanges(changed, now.minus(POLL_OVERLAP));
    }

    static RemoteInvoiceState state(XeroInvoice invoice, Instant observedAt) {
        BigDecimal paid = Objects.requireNonNullElse(invoice.amountPaid(), BigDecimal.ZERO);
        BigDecimal credited = Objects.requireNonNullElse(invoice.amountCredited(), BigDecimal.ZERO);
        BigDecimal due = Objects.requireNonNullElse(invoice.amountDue(), BigDecimal.ZERO);
        PaymentState state;
        if ("VOIDED".equals(invoice.status()) || "DELETED".equals(invoice.status())) {
            state = PaymentState.VOIDED;
        } else if ("PAID".equals(invoice.status()) || (due.signum() == 0 && paid.signum() > 0)) {
            state = PaymentState.PAID;
        } else if (paid.signum() > 0) {
            state = PaymentState.PARTIALLY_PAID;
        } else {
            state = PaymentState.UNPAID;
        }
        LocalDate lastPayment = XeroDates.date(invoice.fullyPaidOnDate());
        if (lastPayment == null) {
            lastPayment = invoice.paymentList().stream().map(payment -> XeroDates.date(payment.date()))
                    .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        }
        return new RemoteInvoiceState(invoice.invoiceID(), invoice.invoiceNumber(), new RemotePaymentState(state,
                paid.setScale(2, java.math.RoundingMode.HALF_UP), credited.setScale(2, java.math.RoundingMode.HALF_UP),
                due.setScale(2, java.math.RoundingMode.HALF_UP), lastPayment, observedAt));
    }

    private static RemoteAccount account(XeroAccount account) {
        AccountType type = switch (account.type() == null ? "" : account.type()) {
            case "REVENUE", "SALES", "OTHERINCOME" -> AccountType.REVENUE;
            case "BANK" -> AccountType.BANK;
            case "CURRLIAB", "LIABILITY", "TERMLIAB" -> AccountType.LIABILITY;
            case "CURRENT", "FIXED", "INVENTORY", "NONCURRENT", "PREPAYMENT" -> AccountType.ASSET;
            case "EXPENSE", "DIRECTCOSTS", "OVERHEADS", "DEPRECIATN" -> AccountType.EXPENSE;
            case "EQUITY" -> AccountType.EQUITY;
            default -> AccountType.OTHER;
        };
        boolean payments = "BANK".equals(account.type()) || Boolean.TRUE.equals(account.enablePaymentsToAccount());
        return new RemoteAccount(account.accountID(), account.code(), account.name(), type, "ACTIVE".equals(account.status()), payments);
    }
}
