package io.fieldsync.accounting.api;

import java.util.List;

/**
 * One page of documents.
 *
 * @param documents the documents on this page
 * @param total how many documents match the query in all
 */
public record DocumentPage(List<DocumentStatus> documents, long total) {

    /** Copies the list. */
    public DocumentPage {
        documents = List.copyOf(documents);
    }
}
