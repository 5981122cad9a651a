package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.xero.ledger.Account;
import io.fieldsync.accounting.sandbox.xero.ledger.DocumentStatus;
import io.fieldsync.accounting.sandbox.xero.ledger.Invoice;
import io.fieldsync.accounting.sandbox.xero.ledger.Money;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.wire.DocumentJson;
import io.fieldsync.accounting.sandbox.xero.wire.ValidationMessages;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates one element of PUT/POST /Payments (reference/api-facts.md §3.1): the invoice by InvoiceID or
 * InvoiceNumber, the account by AccountID or Code (a BANK account or one with EnablePaymentsToAccount), an
 * AUTHORISED invoice, 0 &lt; Amount ≤ AmountDue ("Payment amount exceeds the amount outstanding on this document").
 * Payments against credit notes, prepayments and overpayments are not simulated.
 */
final class PaymentWriter {

    private final ApiRequest request;
    private final Organisation org;

    PaymentWriter(ApiRequest request) {
        this.request = request;
        this.org = request.org();
    }

    BatchWrite.Prepared prepare(JsonNode e, BatchContext ctx) {
        List<String> errors = new ArrayList<>();
        if (e.has("CreditNote") || e.has("CreditNoteNumber") || e.has("Prepayment") || e.has("Overpayment")) {
            return BatchWrite.Prepared.invalid(InvoiceWriter.echo(e), List.of(ValidationMessages.PAYMENT_TARGET_UNSUPPORTED));
        }
        JsonNode invoiceRef = e.get("Invoice");
        Optional<Invoice> invoice = Fields.uuid(invoiceRef, "InvoiceID").flatMap(org::invoice)
                .or(() -> Fields.text(invoiceRef, "InvoiceNumber").or(() -> Fields.text(e, "InvoiceNumber"))
                        .flatMap(n -> org.invoiceByNumber("ACCREC", n)));
        if (invoice.isEmpty()) {
            errors.add(ValidationMessages.INVOICE_NOT_FOUND);
        }
        JsonNode accountRef = e.get("Account");
        Optional<Account> account = Fields.uuid(accountRef, "AccountID").flatMap(org::account)
                .or(() -> Fields.text(accountRef, "Code").or(() -> Fields.text(e, "Code")).flatMap(org::accountByCode));
        if (account.isEmpty()) {
            errors.add(ValidationMessages.PAYMENT_ACCOUNT_NOT_FOUND);
        } else if (!account.get().acceptsPayments()) {
            errors.add(ValidationMessages.PAYMENT_ACCOUNT_INVALID);
        }
        BigDecimal amount = Fields.decimal(e, "Amount").map(Money::round).orElse(Money.ZERO);
        if (amount.signum() <= 0) {
            errors.add(ValidationMessages.PAYMENT_AMOUNT_NOT_POSITIVE);
        } else if (invoice.isPresent()) {
            Invoice i = invoice.get();
            String dueKey = "due:" + i.id();
            if (i.status() != DocumentStatus.AUTHORISED) {
                errors.add(ValidationMessages.PAYMENT_DOCUMENT_NOT_AUTHORISED);
            } else if (amount.compareTo(i.amountDue().subtract(ctx.pending(dueKey))) > 0) {
                errors.add(ValidationMessages.PAYMENT_EXCEEDS_OUTSTANDING);
            }
            ctx.addPending(dueKey, amount);
        }
        if (!errors.isEmpty()) {
            return BatchWrite.Prepared.invalid(InvoiceWriter.echo(e), errors);
        }
        LocalDate date = Fields.date(e, "Date").orElse(request.today());
        String reference = Fields.text(e, "Reference").orElse(null);
        boolean reconciled = Fields.bool(e, "IsReconciled").orElse(false);
        return BatchWrite.Prepared.valid(() -> DocumentJson.payment(
                org.receivePayment(invoice.get(), account.get(), date, amount, reference, reconciled, request.now())));
    }
}
