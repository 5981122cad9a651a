package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.xero.ledger.LedgerChange;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.ledger.Payment;
import io.fieldsync.accounting.sandbox.xero.wire.DocumentJson;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET/PUT/POST /Payments}, {@code GET /Payments/{PaymentID}} and {@code POST /Payments/{PaymentID}} with
 * {@code {"Status":"DELETED"}}, which deletes the payment and puts its amount back on the invoice.
 */
final class PaymentsEndpoint extends CollectionEndpoint {

    @Override
    ApiResponse create(ApiRequest request) {
        return write(request);
    }

    @Override
    ApiResponse upsert(ApiRequest request) {
        return write(request);
    }

    @Override
    ApiResponse postOne(ApiRequest request, String id) {
        return delete(request, id);
    }

    @Override
    ApiResponse one(ApiRequest request, String id) {
        return find(request.org(), id)
                .map(p -> ApiResponse.json(200, request.envelope("Payments", SandboxJson.array().add(DocumentJson.payment(p)))))
                .orElseGet(XeroErrors::notFound);
    }

    @Override
    ApiResponse list(ApiRequest request) {
        List<Payment> payments = Listing.modifiedSince(request, request.org().payments(), Payment::updated);
        List<ObjectNode> rendered = payments.stream().map(DocumentJson::payment).toList();
        return ApiResponse.json(200, Listing.page(request, "Payments", Listing.whereAndOrder(request, rendered)));
    }

    private ApiResponse write(ApiRequest request) {
        PaymentWriter writer = new PaymentWriter(request);
        return BatchWrite.run(request, "Payments", request.elements("Payments"), "HasValidationErrors", writer::prepare);
    }

    private ApiResponse delete(ApiRequest request, String id) {
        Optional<Payment> payment = find(request.org(), id);
        if (payment.isEmpty()) {
            return XeroErrors.notFound();
        }
        List<JsonNode> elements = request.elements("Payments");
        boolean deleting = elements.size() == 1 && Fields.text(elements.get(0), "Status").orElse("").equalsIgnoreCase("DELETED");
        if (!deleting) {
            return XeroErrors.validation("Only the Status of a payment can be changed, to DELETED.");
        }
        Payment p = payment.get();
        p.delete(request.now());
        request.org().publish(LedgerChange.updated(request.org(), p.invoice(), request.now()));
        ObjectNode rendered = DocumentJson.payment(p);
        rendered.put("StatusAttributeString", "OK");
        return ApiResponse.json(200, request.envelope("Payments", SandboxJson.array().add(rendered)));
    }

    private static Optional<Payment> find(Organisation org, String id) {
        return Fields.parseUuid(id).flatMap(org::payment);
    }
}
