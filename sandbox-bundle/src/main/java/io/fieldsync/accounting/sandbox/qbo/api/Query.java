package io.fieldsync.accounting.sandbox.qbo.api;

import java.util.List;

/**
 * One parsed QBO query: {@code select * | count(*) from <Entity> [where <cond> [and <cond>]*] [orderby <field>
 * [asc|desc]] [startposition N] [maxresults N]} (the agreement; QBO's query language has no OR).
 *
 * @param startPosition 1-based, as QBO counts
 */
record Query(boolean count, String entity, List<Condition> conditions, String orderBy, boolean descending,
             int startPosition, int maxResults) {

    static final int DEFAULT_MAX_RESULTS = 100;
    static final int MAX_RESULTS = 1000;

    enum Operator { EQ, LT, GT, LE, GE, LIKE, IN }

    /** {@code field op value} or {@code field in (values)}; field paths use dots, e.g. MetaData.LastUpdatedTime. */
    record Condition(String field, Operator operator, List<String> values) {
    }

    boolean mentions(String field) {
        return conditions.stream().anyMatch(c -> c.field().equalsIgnoreCase(field));
    }
}
