package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.xero.ledger.Contact;
import io.fieldsync.accounting.sandbox.xero.ledger.CreditNote;
import io.fieldsync.accounting.sandbox.xero.ledger.DocumentStatus;
import io.fieldsync.accounting.sandbox.xero.ledger.LedgerChange;
import io.fieldsync.accounting.sandbox.xero.ledger.LineAmountType;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.ledger.TaxCalculator;
import io.fieldsync.accounting.sandbox.xero.wire.DocumentJson;
import io.fieldsync.accounting.sandbox.xero.wire.ValidationMessages;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Validates one element of PUT/POST /CreditNotes. Creates take ACCRECCREDIT or ACCPAYCREDIT in DRAFT, SUBMITTED
 * or AUTHORISED; lines follow the invoice rules except that discounts are refused (spec, LineItem.DiscountRate);
 * ACCRECCREDIT numbers are unique (CN-0001… when absent). Updates by CreditNoteID change the status only
 * (DRAFT/SUBMITTED → AUTHORISED or DELETED, AUTHORISED → VOIDED without allocations).
 */
final class CreditNoteWriter {

    private final ApiRequest request;
    private final Organisation org;

    CreditNoteWriter(ApiRequest request) {
        this.request = request;
        this.org = request.org();
    }

    BatchWrite.Prepared prepare(JsonNode e, BatchContext ctx, CreditNote target) {
        CreditNote existing = target;
        Optional<String> id = Fields.text(e, "CreditNoteID");
        if (existing == null && id.isPresent()) {
            existing = Fields.parseUuid(id.get()).flatMap(org::creditNote).orElse(null);
            if (existing == null) {
                return BatchWrite.Prepared.invalid(InvoiceWriter.echo(e), List.of(ValidationMessages.INVOICE_NOT_FOUND));
            }
        }
        return existing == null ? create(e, ctx) : changeStatus(existing, e);
    }

    private BatchWrite.Prepared create(JsonNode e, BatchContext ctx) {
        List<String> errors = new ArrayList<>();
        String type = Fields.text(e, "Type").orElse("");
        if (!type.equals("ACCRECCREDIT") && !type.equals("ACCPAYCREDIT")) {
            errors.add(ValidationMessages.CREDIT_NOTE_TYPE_INVALID);
        }
        DocumentStatus status = Fields.text(e, "Status").map(s -> DocumentStatus.parse(s).orElse(DocumentStatus.PAID))
                .orElse(DocumentStatus.DRAFT);
        if (!status.creatable()) {
            errors.add(ValidationMessages.NOT_VALID_STATUS_FOR_CREATION);
        }
        DocumentContacts.Resolved contact = DocumentContacts.resolve(e.get("Contact"), org);
        if (contact.error() != null) {
            errors.add(contact.error());
        }
        LocalDate date = Fields.date(e, "Date").orElse(request.today());
        String currency = Fields.text(e, "CurrencyCode").orElse(org.baseCurrency()).toUpperCase();
        if (!currency.equals(org.baseCurrency())) {
            errors.add(ValidationMessages.currencyNotSubscribed(currency));
        }
        String number = Fields.text(e, "CreditNoteNumber").orElse(null);
        if (number != null && type.equals("ACCRECCREDIT")
                && (org.creditNoteByNumber(type, number).isPresent() || !ctx.reserve("creditnote:" + number))) {
            errors.add(ValidationMessages.DUPLICATE_CREDIT_NOTE_NUMBER);
        }
        LineAmountType amountType = InvoiceWriter.lineAmountType(e, LineAmountType.Exclusive);
        boolean approved = status == DocumentStatus.SUBMITTED || status == DocumentStatus.AUTHORISED;
        LineItemsReader.Result lines = new LineItemsReader(org, amountType, type.equals("ACCRECCREDIT"), approved,
                false, request.unitDecimals()).read(e.get("LineItems"), Map.of());
        errors.addAll(lines.errors());
        if (approved && lines.lines().isEmpty()) {
            errors.add(ValidationMessages.LINE_ITEMS_REQUIRED);
        }
        if (TaxCalculator.totals(lines.lines(), amountType).total().signum() < 0) {
            errors.add(ValidationMessages.NEGATIVE_TOTAL);
        }
        if (!errors.isEmpty()) {
            return BatchWrite.Prepared.invalid(InvoiceWriter.echo(e), errors);
        }
        String reference = Fields.text(e, "Reference").orElse(null);
        return BatchWrite.Prepared.valid(() -> {
            Contact c = contact.materialise(org, request.now());
            if (type.equals("ACCRECCREDIT")) {
                c.markCustomer();
            } else {
                c.markSupplier();
            }
            CreditNote note = new CreditNote(UUID.randomUUID(), type, request.now())
                    .number(number != null ? number : type.equals("ACCRECCREDIT") ? org.nextCreditNoteNumber() : null)
                    .reference(reference).contact(c).date(date).status(status).currencyCode(currency)
                    .lines(amountType, lines.lines());
            org.add(note);
            org.publish(LedgerChange.created(org, note, request.now()));
            return DocumentJson.creditNote(note, request.unitDecimals());
        });
    }

    private BatchWrite.Prepared changeStatus(CreditNote note, JsonNode e) {
        DocumentStatus from = note.status();
        DocumentStatus to = Fields.text(e, "Status").map(s -> DocumentStatus.parse(s).orElse(DocumentStatus.PAID))
                .orElse(from);
        List<String> errors = new ArrayList<>();
        if (!from.editable()) {
            errors.add(ValidationMessages.NOT_VALID_STATUS_FOR_MODIFICATION);
        } else if (!from.mayBecome(to)) {
            errors.add(ValidationMessages.invalidStatusChange(from.name(), to.name()));
        } else if (to == DocumentStatus.VOIDED && !note.allocations().isEmpty()) {
            errors.add(ValidationMessages.HAS_PAYMENTS_OR_CREDITS);
        }
        if (!errors.isEmpty()) {
            return BatchWrite.Prepared.invalid(InvoiceWriter.echo(e), errors);
        }
        return BatchWrite.Prepared.valid(() -> {
            note.status(to).touch(request.now());
            org.publish(LedgerChange.updated(org, note, request.now()));
            return DocumentJson.creditNote(note, request.unitDecimals());
        });
    }
}
