package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.xero.ledger.Allocation;
import io.fieldsync.accounting.sandbox.xero.ledger.CreditNote;
import io.fieldsync.accounting.sandbox.xero.ledger.DocumentStatus;
import io.fieldsync.accounting.sandbox.xero.ledger.Invoice;
import io.fieldsync.accounting.sandbox.xero.ledger.LedgerChange;
import io.fieldsync.accounting.sandbox.xero.ledger.Money;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.wire.DocumentJson;
import io.fieldsync.accounting.sandbox.xero.wire.ValidationMessages;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Validates one element of PUT /CreditNotes/{id}/Allocations: both documents AUTHORISED, same contact, matching
 * types (ACCRECCREDIT → ACCREC), 0 &lt; Amount ≤ the credit note's RemainingCredit and ≤ the invoice's AmountDue
 * (reference/api-facts.md §3.1). The write lowers both and may settle either (PAID).
 */
final class AllocationWriter {

    private final ApiRequest request;
    private final Organisation org;
    private final CreditNote note;

    AllocationWriter(ApiRequest request, CreditNote note) {
        this.request = request;
        this.org = request.org();
        this.note = note;
    }

    BatchWrite.Prepared prepare(JsonNode e, BatchContext ctx) {
        List<String> errors = new ArrayList<>();
        if (note.status() != DocumentStatus.AUTHORISED) {
            errors.add(ValidationMessages.ALLOCATION_CREDIT_NOTE_NOT_AUTHORISED);
        }
        JsonNode invoiceRef = e.get("Invoice");
        Optional<Invoice> invoice = Fields.uuid(invoiceRef, "InvoiceID").flatMap(org::invoice)
                .or(() -> Fields.text(invoiceRef, "InvoiceNumber").flatMap(n -> org.invoiceByNumber("ACCREC", n)));
        if (invoice.isEmpty()) {
            errors.add(ValidationMessages.INVOICE_NOT_FOUND);
        } else {
            Invoice i = invoice.get();
            if (i.status() != DocumentStatus.AUTHORISED) {
                errors.add(ValidationMessages.ALLOCATION_INVOICE_NOT_AUTHORISED);
            }
            if (i.contact() != note.contact() || !(note.type().equals(i.type() + "CREDIT"))) {
                errors.add(ValidationMessages.ALLOCATION_CONTACT_MISMATCH);
            }
        }
        BigDecimal amount = Fields.decimal(e, "Amount").map(Money::round).orElse(Money.ZERO);
        if (amount.signum() <= 0) {
            errors.add(ValidationMessages.ALLOCATION_AMOUNT_NOT_POSITIVE);
        } else {
            String creditKey = "credit:" + note.id();
            if (amount.compareTo(note.remainingCredit().subtract(ctx.pending(creditKey))) > 0) {
                errors.add(ValidationMessages.ALLOCATION_EXCEEDS_CREDIT);
            }
            if (invoice.isPresent()) {
                String dueKey = "due:" + invoice.get().id();
                if (amount.compareTo(invoice.get().amountDue().subtract(ctx.pending(dueKey))) > 0) {
                    errors.add(ValidationMessages.ALLOCATION_EXCEEDS_DUE);
                }
                ctx.addPending(dueKey, amount);
            }
            ctx.addPending(creditKey, amount);
        }
        if (!errors.isEmpty()) {
            return BatchWrite.Prepared.invalid(InvoiceWriter.echo(e), errors);
        }
        LocalDate date = Fields.date(e, "Date").orElse(request.today());
        Invoice target = invoice.get();
        return BatchWrite.Prepared.valid(() -> {
            Allocation allocation = new Allocation(UUID.randomUUID(), note, target, amount, date);
            note.addAllocation(allocation, request.now());
            target.addAllocation(allocation, request.now());
            org.publish(LedgerChange.updated(org, target, request.now()));
            org.publish(LedgerChange.updated(org, note, request.now()));
            return DocumentJson.allocation(allocation);
        });
    }
}
