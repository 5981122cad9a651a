package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.ledger.Contact;
import io.fieldsync.accounting.sandbox.xero.ledger.DocumentStatus;
import io.fieldsync.accounting.sandbox.xero.ledger.Invoice;
import io.fieldsync.accounting.sandbox.xero.ledger.LedgerChange;
import io.fieldsync.accounting.sandbox.xero.ledger.LineAmountType;
import io.fieldsync.accounting.sandbox.xero.ledger.LineItem;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.ledger.TaxCalculator;
import io.fieldsync.accounting.sandbox.xero.ledger.Totals;
import io.fieldsync.accounting.sandbox.xero.wire.DocumentJson;
import io.fieldsync.accounting.sandbox.xero.wire.ValidationMessages;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Validates one element of PUT/POST /Invoices and says how to write it. Creates take ACCREC or ACCPAY in DRAFT,
 * SUBMITTED or AUTHORISED; ACCREC numbers are unique (generated INV-0001… when absent). Updates (by InvoiceID, or
 * for POST by an existing ACCREC InvoiceNumber) follow {@link DocumentStatus}'s transitions; a document with
 * payments or credit allocations can no longer change or be voided.
 */
final class InvoiceWriter {

    private static final List<String> CONTENT_FIELDS = List.of("Contact", "Date", "DueDate", "LineItems",
            "LineAmountTypes", "InvoiceNumber", "CurrencyCode");

    private final ApiRequest request;
    private final Organisation org;

    InvoiceWriter(ApiRequest request) {
        this.request = request;
        this.org = request.org();
    }

    /**
     * @param target the invoice named in the path (POST /Invoices/{id}), or null
     * @param upsert POST semantics: an existing ACCREC InvoiceNumber means "update that invoice"
     */
    BatchWrite.Prepared prepare(JsonNode e, BatchContext ctx, Invoice target, boolean upsert) {
        Invoice existing = target;
        Optional<String> id = Fields.text(e, "InvoiceID");
        if (existing == null && id.isPresent()) {
            existing = Fields.parseUuid(id.get()).flatMap(org::invoice).orElse(null);
            if (existing == null) {
                return BatchWrite.Prepared.invalid(echo(e), List.of(ValidationMessages.INVOICE_NOT_FOUND));
            }
        }
        if (existing == null && upsert) {
            String type = Fields.text(e, "Type").orElse("ACCREC");
            existing = Fields.text(e, "InvoiceNumber")
                    .filter(n -> "ACCREC".equals(type))
                    .flatMap(n -> org.invoiceByNumber("ACCREC", n)).orElse(null);
        }
        return existing == null ? create(e, ctx) : update(existing, e, ctx);
    }

    private BatchWrite.Prepared create(JsonNode e, BatchContext ctx) {
        List<String> errors = new ArrayList<>();
        String type = Fields.text(e, "Type").orElse("");
        if (!type.equals("ACCREC") && !type.equals("ACCPAY")) {
            errors.add(ValidationMessages.INVOICE_TYPE_INVALID);
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
        LocalDate dueDate = Fields.date(e, "DueDate").orElse(null);
        String currency = currency(e, errors);
        String number = Fields.text(e, "InvoiceNumber").orElse(null);
        if (number != null && type.equals("ACCREC")
                && (org.invoiceByNumber("ACCREC", number).isPresent() || !ctx.reserve("invoice:" + number))) {
            errors.add(ValidationMessages.DUPLICATE_INVOICE_NUMBER);
        }
        LineAmountType amountType = lineAmountType(e, LineAmountType.Exclusive);
        boolean approved = status == DocumentStatus.SUBMITTED || status == DocumentStatus.AUTHORISED;
        LineItemsReader.Result lines = new LineItemsReader(org, amountType, type.equals("ACCREC"), approved, true,
                request.unitDecimals()).read(e.get("LineItems"), Map.of());
        errors.addAll(lines.errors());
        approvalRules(approved, lines.lines(), dueDate, amountType, errors);
        if (!errors.isEmpty()) {
            return BatchWrite.Prepared.invalid(echo(e), errors);
        }
        String reference = Fields.text(e, "Reference").orElse(null);
        String url = Fields.text(e, "Url").orElse(null);
        return BatchWrite.Prepared.valid(() -> {
            Contact c = contact.materialise(org, request.now());
            if (type.equals("ACCREC")) {
                c.markCustomer();
            } else {
                c.markSupplier();
            }
            Invoice invoice = new Invoice(UUID.randomUUID(), type, request.token().clientId(), request.now())
                    .number(number != null ? number : type.equals("ACCREC") ? org.nextInvoiceNumber() : null)
                    .reference(reference).contact(c).date(date).dueDate(dueDate).status(status)
                    .currencyCode(currency).url(url).lines(amountType, lines.lines());
            org.add(invoice);
            org.publish(LedgerChange.created(org, invoice, request.now()));
            return DocumentJson.invoice(invoice, DocumentJson.View.FULL, request.unitDecimals());
        });
    }

    private BatchWrite.Prepared update(Invoice invoice, JsonNode e, BatchContext ctx) {
        List<String> errors = new ArrayList<>();
        DocumentStatus from = invoice.status();
        DocumentStatus to = Fields.text(e, "Status").map(s -> DocumentStatus.parse(s).orElse(DocumentStatus.PAID))
                .orElse(from);
        boolean changesContent = CONTENT_FIELDS.stream().anyMatch(e::has);
        if (!from.editable()) {
            errors.add(ValidationMessages.NOT_VALID_STATUS_FOR_MODIFICATION);
        } else if (!from.mayBecome(to)) {
            errors.add(ValidationMessages.invalidStatusChange(from.name(), to.name()));
        } else if ((to == DocumentStatus.VOIDED || changesContent) && invoice.hasPaymentsOrCredits()) {
            errors.add(ValidationMessages.HAS_PAYMENTS_OR_CREDITS);
        }
        if (!errors.isEmpty()) {
            return BatchWrite.Prepared.invalid(echo(e), errors);
        }
        DocumentContacts.Resolved contact = e.has("Contact") ? DocumentContacts.resolve(e.get("Contact"), org)
                : new DocumentContacts.Resolved(invoice.contact(), null, null);
        if (contact.error() != null) {
            errors.add(contact.error());
        }
        String number = Fields.text(e, "InvoiceNumber").orElse(invoice.number());
        if (invoice.type().equals("ACCREC") && number != null && !number.equalsIgnoreCase(invoice.number())
                && (org.invoiceByNumber("ACCREC", number).isPresent() || !ctx.reserve("invoice:" + number))) {
            errors.add(ValidationMessages.DUPLICATE_INVOICE_NUMBER);
        }
        String currency = e.has("CurrencyCode") ? currency(e, errors) : invoice.currencyCode();
        LocalDate date = Fields.date(e, "Date").orElse(invoice.date());
        LocalDate dueDate = Fields.date(e, "DueDate").orElse(invoice.dueDate());
        LineAmountType amountType = lineAmountType(e, invoice.lineAmountType());
        boolean approved = to == DocumentStatus.SUBMITTED || to == DocumentStatus.AUTHORISED;
        List<LineItem> newLines = invoice.lines();
        if (e.has("LineItems") || e.has("LineAmountTypes")) {
            Map<UUID, LineItem> previous = invoice.lines().stream().collect(Collectors.toMap(LineItem::id, Function.identity()));
            JsonNode sentLines = e.has("LineItems") ? e.get("LineItems") : linesAsSent(invoice);
            LineItemsReader.Result lines = new LineItemsReader(org, amountType, invoice.type().equals("ACCREC"),
                    approved, true, request.unitDecimals()).read(sentLines, previous);
            errors.addAll(lines.errors());
            newLines = lines.lines();
        }
        if (to != DocumentStatus.VOIDED && to != DocumentStatus.DELETED) {
            approvalRules(approved, newLines, dueDate, amountType, errors);
        }
        if (!errors.isEmpty()) {
            return BatchWrite.Prepared.invalid(echo(e), errors);
        }
        List<LineItem> lines = newLines;
        Optional<String> reference = Fields.text(e, "Reference");
        Optional<String> url = Fields.text(e, "Url");
        return BatchWrite.Prepared.valid(() -> {
            Contact c = contact.materialise(org, request.now());
            invoice.contact(c).number(number).currencyCode(currency).date(date).dueDate(dueDate)
                    .lines(amountType, lines).status(to).touch(request.now());
            reference.ifPresent(invoice::reference);
            url.ifPresent(invoice::url);
            org.publish(LedgerChange.updated(org, invoice, request.now()));
            return DocumentJson.invoice(invoice, DocumentJson.View.FULL, request.unitDecimals());
        });
    }

    private static void approvalRules(boolean approved, List<LineItem> lines, LocalDate dueDate,
                                      LineAmountType amountType, List<String> errors) {
        if (!approved) {
            return;
        }
        if (lines.isEmpty()) {
            errors.add(ValidationMessages.LINE_ITEMS_REQUIRED);
        }
        if (dueDate == null) {
            errors.add(ValidationMessages.DUE_DATE_REQUIRED);
        }
        Totals totals = TaxCalculator.totals(lines, amountType);
        if (totals.total().signum() < 0) {
            errors.add(ValidationMessages.NEGATIVE_TOTAL);
        }
    }

    private String currency(JsonNode e, List<String> errors) {
        String currency = Fields.text(e, "CurrencyCode").orElse(org.baseCurrency()).toUpperCase();
        if (!currency.equals(org.baseCurrency())) {
            errors.add(ValidationMessages.currencyNotSubscribed(currency));
        }
        return currency;
    }

    static LineAmountType lineAmountType(JsonNode e, LineAmountType fallback) {
        Optional<String> sent = Fields.text(e, "LineAmountTypes");
        if (sent.isEmpty()) {
            return fallback;
        }
        return LineAmountType.parse(sent.get()).orElseThrow(() -> Fields.invalid("LineAmountTypes"));
    }

    /** The current lines in request form, to recalculate them under a new LineAmountTypes. */
    private JsonNode linesAsSent(Invoice invoice) {
        ArrayNode array = SandboxJson.array();
        for (LineItem l : invoice.lines()) {
            ObjectNode n = DocumentJson.line(l, request.unitDecimals());
            n.remove("TaxAmount");
            n.remove("LineAmount");
            array.add(n);
        }
        return array;
    }

    static ObjectNode echo(JsonNode e) {
        return (ObjectNode) e.deepCopy();
    }
}
