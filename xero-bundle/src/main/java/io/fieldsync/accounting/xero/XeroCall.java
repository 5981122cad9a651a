package io.fieldsync.accounting.xero;

import java.net.URI;
import java.time.Instant;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.spi.IdempotencyKey;

/**
 * One Accounting API request.
 *
 * @param method GET, PUT or POST
 * @param uri the full URI, query included
 * @param operation how the sync log names it, e.g. {@code PUT /Invoices}
 * @param body the JSON body, or null
 * @param key the idempotency key of a write, or null
 * @param ifModifiedSince the {@code If-Modified-Since} of a read, or null
 * @param document the document it concerns, for the sync log, or null
 */
record XeroCall(String method, URI uri, String operation, String body, IdempotencyKey key, Instant ifModifiedSince,
                DocumentRef document) {

    boolean isWrite() {
        return !"GET".equals(method);
    }

    static XeroCall get(URI uri, String operation) {
        return new XeroCall("GET", uri, operation, null, null, null, null);
    }

    static XeroCall write(String method, URI uri, String operation, String body, IdempotencyKey key, DocumentRef document) {
        return new XeroCall(method, uri, operation, body, key, null, document);
    }

    XeroCall modifiedSince(Instant since) {
        return new XeroCall(method, uri, operation, body, key, since, document);
    }
}
