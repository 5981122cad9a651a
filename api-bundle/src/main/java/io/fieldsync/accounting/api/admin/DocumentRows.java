package io.fieldsync.accounting.api.admin;

import java.util.List;

/**
 * One page of the admin's document list.
 *
 * @param rows the documents on this page
 * @param total how many documents match the search in all
 * @since 1.2
 */
public record DocumentRows(List<DocumentRow> rows, long total) {

    /** Copies the list. */
    public DocumentRows {
        rows = List.copyOf(rows);
    }
}
