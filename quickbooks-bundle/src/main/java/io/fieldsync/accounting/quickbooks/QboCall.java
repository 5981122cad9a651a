package io.fieldsync.accounting.quickbooks;

import java.net.URI;

import io.fieldsync.accounting.api.DocumentRef;

/**
 * One request to a company's API.
 *
 * @param method GET or POST
 * @param uri the full URI, query included ({@code minorversion}, {@code requestid})
 * @param operation how the sync log names it, e.g. {@code POST /batch}
 * @param body the JSON body, or null
 * @param write whether it changes anything (a batch of queries is a POST that changes nothing)
 * @param document the document it concerns, for the sync log, or null
 * @param batchItems the items of a {@code /batch} request, which QBO meters one by one (api-facts §4, §5); 0 for any
 *                   other request
 */
record QboCall(String method, URI uri, String operation, String body, boolean write, DocumentRef document, int batchItems) {

    static QboCall get(URI uri, String operation) {
        return new QboCall("GET", uri, operation, null, false, null, 0);
    }

    static QboCall post(URI uri, String operation, String body, boolean write, DocumentRef document) {
        return new QboCall("POST", uri, operation, body, write, document, 0);
    }

    /** The same request as a batch of {@code items}. */
    QboCall batchOf(int items) {
        return new QboCall(method, uri, operation, body, write, document, items);
    }
}
