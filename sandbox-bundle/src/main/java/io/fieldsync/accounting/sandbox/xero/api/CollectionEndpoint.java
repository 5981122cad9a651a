package io.fieldsync.accounting.sandbox.xero.api;

import java.util.Optional;

import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

/**
 * The routing Xero's collections share: {@code GET /X} lists, {@code GET /X/{id}} reads one, {@code PUT /X} creates,
 * {@code POST /X} creates or updates, {@code POST /X/{id}} acts on one; anything deeper is 404, other methods 405.
 * Each request runs under the organisation's lock, as Xero applies one organisation's writes in order.
 */
abstract class CollectionEndpoint implements Endpoint {

    @Override
    public final ApiResponse handle(ApiRequest request) {
        Optional<String> id = request.segment(1);
        if (request.segments().size() > 2) {
            return XeroErrors.notFound();
        }
        synchronized (request.org()) {
            return switch (request.method()) {
                case "GET" -> id.isPresent() ? one(request, id.get()) : list(request);
                case "PUT" -> id.isPresent() ? XeroErrors.methodNotAllowed() : create(request);
                case "POST" -> id.isPresent() ? postOne(request, id.get()) : upsert(request);
                default -> XeroErrors.methodNotAllowed();
            };
        }
    }

    abstract ApiResponse one(ApiRequest request, String id);

    abstract ApiResponse list(ApiRequest request);

    abstract ApiResponse create(ApiRequest request);

    abstract ApiResponse upsert(ApiRequest request);

    abstract ApiResponse postOne(ApiRequest request, String id);
}
