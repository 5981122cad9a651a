package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.xero.ledger.CreditNote;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.wire.DocumentJson;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET/PUT/POST /CreditNotes}, {@code GET/POST /CreditNotes/{CreditNoteID}} and
 * {@code PUT /CreditNotes/{CreditNoteID}/Allocations}.
 */
final class CreditNotesEndpoint implements Endpoint {

    @Override
    public ApiResponse handle(ApiRequest request) {
        Organisation org = request.org();
        Optional<String> id = request.segment(1);
        Optional<String> sub = request.segment(2);
        if (request.segments().size() > 3 || (sub.isPresent() && !sub.get().equalsIgnoreCase("Allocations"))) {
            return XeroErrors.notFound();
        }
        synchronized (org) {
            if (sub.isPresent()) {
                return "PUT".equals(request.method()) ? allocate(request, id.get()) : XeroErrors.methodNotAllowed();
            }
            return switch (request.method()) {
                case "GET" -> id.isPresent() ? one(request, id.get()) : list(request);
                case "PUT" -> id.isPresent() ? XeroErrors.methodNotAllowed() : write(request, null);
                case "POST" -> id.isPresent() ? writeOne(request, id.get()) : write(request, null);
                default -> XeroErrors.methodNotAllowed();
            };
        }
    }

    private ApiResponse one(ApiRequest request, String id) {
        return find(request.org(), id)
                .map(c -> ApiResponse.json(200, request.envelope("CreditNotes",
                        SandboxJson.array().add(DocumentJson.creditNote(c, request.unitDecimals())))))
                .orElseGet(XeroErrors::notFound);
    }

    private ApiResponse list(ApiRequest request) {
        List<CreditNote> notes = Listing.modifiedSince(request, request.org().creditNotes(), CreditNote::updated);
        List<ObjectNode> rendered = notes.stream().map(c -> DocumentJson.creditNote(c, request.unitDecimals())).toList();
        return ApiResponse.json(200, Listing.page(request, "CreditNotes", Listing.whereAndOrder(request, rendered)));
    }

    private ApiResponse write(ApiRequest request, CreditNote target) {
        CreditNoteWriter writer = new CreditNoteWriter(request);
        return BatchWrite.run(request, "CreditNotes", request.elements("CreditNotes"), "HasErrors",
                (e, ctx) -> writer.prepare(e, ctx, target));
    }

    private ApiResponse writeOne(ApiRequest request, String id) {
        Optional<CreditNote> target = find(request.org(), id);
        return target.isEmpty() ? XeroErrors.notFound() : write(request, target.get());
    }

    private ApiResponse allocate(ApiRequest request, String id) {
        Optional<CreditNote> note = find(request.org(), id);
        if (note.isEmpty()) {
            return XeroErrors.notFound();
        }
        AllocationWriter writer = new AllocationWriter(request, note.get());
        return BatchWrite.run(request, "Allocations", request.elements("Allocations"), null, writer::prepare);
    }

    private static Optional<CreditNote> find(Organisation org, String id) {
        return Fields.parseUuid(id).flatMap(org::creditNote);
    }
}
