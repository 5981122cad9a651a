package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.QueryString;
import io.fieldsync.accounting.sandbox.xero.ledger.Invoice;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.wire.DocumentJson;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code GET/PUT/POST /Invoices}, {@code GET/POST /Invoices/{InvoiceID}}. GET takes IDs, InvoiceNumbers,
 * ContactIDs, Statuses, createdByMyApp, searchTerm (InvoiceNumber, Reference), where, order, If-Modified-Since,
 * page/pageSize, summaryOnly and unitdp. Several invoices without paging come without their line items, as Xero
 * sends them; a single invoice, a page, or a write response carries them.
 */
final class InvoicesEndpoint extends CollectionEndpoint {

    @Override
    ApiResponse create(ApiRequest request) {
        return write(request, null, false);
    }

    @Override
    ApiResponse upsert(ApiRequest request) {
        return write(request, null, true);
    }

    @Override
    ApiResponse postOne(ApiRequest request, String id) {
        return writeOne(request, id);
    }

    @Override
    ApiResponse one(ApiRequest request, String idOrNumber) {
        Optional<Invoice> invoice = find(request.org(), idOrNumber);
        if (invoice.isEmpty()) {
            return XeroErrors.notFound();
        }
        var items = SandboxJson.array().add(DocumentJson.invoice(invoice.get(), DocumentJson.View.FULL, request.unitDecimals()));
        return ApiResponse.json(200, request.envelope("Invoices", items));
    }

    @Override
    ApiResponse list(ApiRequest request) {
        QueryString q = request.query();
        Set<String> ids = lower(q.list("IDs"));
        Set<String> numbers = lower(q.list("InvoiceNumbers"));
        Set<String> contactIds = lower(q.list("ContactIDs"));
        Set<String> statuses = q.list("Statuses").stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        boolean mine = q.flag("createdByMyApp");
        String search = q.first("searchTerm").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        List<Invoice> invoices = request.org().invoices().stream()
                .filter(i -> ids.isEmpty() || ids.contains(i.id().toString()))
                .filter(i -> numbers.isEmpty() || (i.number() != null && numbers.contains(i.number().toLowerCase(Locale.ROOT))))
                .filter(i -> contactIds.isEmpty() || contactIds.contains(i.contact().id().toString()))
                .filter(i -> statuses.isEmpty() || statuses.contains(i.status().name()))
                .filter(i -> !mine || request.token().clientId().equals(i.createdByApp()))
                .filter(i -> search == null || contains(i.number(), search) || contains(i.reference(), search))
                .toList();
        invoices = Listing.modifiedSince(request, invoices, Invoice::updated);
        DocumentJson.View view = q.flag("summaryOnly") ? DocumentJson.View.SUMMARY
                : q.has("page") ? DocumentJson.View.FULL : DocumentJson.View.WITHOUT_LINES;
        List<ObjectNode> rendered = invoices.stream()
                .map(i -> DocumentJson.invoice(i, view, request.unitDecimals())).toList();
        return ApiResponse.json(200, Listing.page(request, "Invoices", Listing.whereAndOrder(request, rendered)));
    }

    private ApiResponse write(ApiRequest request, Invoice target, boolean upsert) {
        InvoiceWriter writer = new InvoiceWriter(request);
        List<JsonNode> elements = request.elements("Invoices");
        return BatchWrite.run(request, "Invoices", elements, "HasErrors",
                (e, ctx) -> writer.prepare(e, ctx, target, upsert));
    }

    private ApiResponse writeOne(ApiRequest request, String idOrNumber) {
        Optional<Invoice> target = find(request.org(), idOrNumber);
        return target.isEmpty() ? XeroErrors.notFound() : write(request, target.get(), true);
    }

    private static Optional<Invoice> find(Organisation org, String idOrNumber) {
        Optional<UUID> id = Fields.parseUuid(idOrNumber);
        return id.isPresent() ? org.invoice(id.get()) : org.invoiceByNumber("ACCREC", idOrNumber);
    }

    private static Set<String> lower(List<String> values) {
        return values.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static boolean contains(String field, String needle) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(needle);
    }
}
