package io.fieldsync.accounting.xero.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The {@code pagination} object of a paged collection answer (OpenAPI xero_accounting.yaml, schema Pagination, part of
 * Contacts, Invoices and the other paged collections): the page and its size as Xero applied them, how many pages
 * and how many records the whole collection has.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record XeroPagination(Integer page, Integer pageSize, Integer pageCount, Integer itemCount) {
}
