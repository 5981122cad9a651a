package io.fieldsync.accounting.quickbooks;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.spi.ProviderSession;

/**
 * Every row of one entity's query, however many pages it takes: QBO answers at most
 * {@value QuickBooksApi#MAX_RESULTS} rows a query (STARTPOSITION / MAXRESULTS, api-facts §3.2). The first call
 * asks the first page and {@code count(*)} together; the other pages then go up to {@value QboBatch#MAX_ITEMS} in a
 * call, so a list of 30,000 rows costs two calls, not thirty. Rows added after the count (their Ids come last) are
 * still read: a full last page asks for the next.
 */
final class QboPages {

    private final QboBatch batch;

    QboPages(QboBatch batch) {
        this.batch = batch;
    }

    /**
     * @param statement {@code select * from <Entity> [where ...]}, without ordering or paging
     * @return the rows of every page, in Id order
     */
    <T> List<T> all(ProviderSession session, String statement, String entity, Class<T> type) {
        String ordered = statement + " orderby Id";
        String counted = "select count(*)" + statement.substring(statement.indexOf(" from "));
        List<JsonNode> first = batch.queries(session, List.of(page(ordered, 1), counted));
        List<T> rows = new ArrayList<>(QuickBooksApi.entities(first.get(0), entity, type));
        int total = first.get(1).path("totalCount").asInt(rows.size());
        int lastSize = rows.size();
        int next = 1 + QuickBooksApi.MAX_RESULTS;
        while (lastSize >= QuickBooksApi.MAX_RESULTS) {
            int pages = Math.max(1, Math.min(QboBatch.MAX_ITEMS, (total - next + QuickBooksApi.MAX_RESULTS) / QuickBooksApi.MAX_RESULTS));
            List<String> statements = new ArrayList<>();
            for (int p = 0; p < pages; p++) {
                statements.add(page(ordered, next + p * QuickBooksApi.MAX_RESULTS));
            }
            for (JsonNode answer : batch.queries(session, statements)) {
                List<T> found = QuickBooksApi.entities(answer, entity, type);
                rows.addAll(found);
                lastSize = found.size();
                if (lastSize < QuickBooksApi.MAX_RESULTS) {
                    break;
                }
            }
            next += pages * QuickBooksApi.MAX_RESULTS;
        }
        return rows;
    }

    private static String page(String statement, int start) {
        return statement + " startposition " + start + " maxresults " + QuickBooksApi.MAX_RESULTS;
    }
}
