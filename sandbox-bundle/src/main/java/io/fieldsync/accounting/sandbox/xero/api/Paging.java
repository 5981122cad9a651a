package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.QueryString;

import java.util.List;

/**
 * {@code page} (1-based) and {@code pageSize} (default 100, at most 1,000). Without {@code page} everything is
 * returned and no {@code pagination} object is sent.
 */
final class Paging {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    record Page<T>(List<T> items, ObjectNode pagination) {
        boolean paged() {
            return pagination != null;
        }
    }

    private Paging() {
    }

    static <T> Page<T> of(List<T> all, QueryString query) {
        if (!query.has("page")) {
            return new Page<>(all, null);
        }
        int page = Math.max(1, query.integer("page").orElse(1));
        int size = Math.min(MAX_PAGE_SIZE, Math.max(1, query.integer("pageSize").orElse(DEFAULT_PAGE_SIZE)));
        int from = Math.min(all.size(), (page - 1) * size);
        int to = Math.min(all.size(), from + size);
        ObjectNode pagination = SandboxJson.object();
        pagination.put("page", page);
        pagination.put("pageSize", size);
        pagination.put("pageCount", (all.size() + size - 1) / size);
        pagination.put("itemCount", all.size());
        return new Page<>(all.subList(from, to), pagination);
    }
}
