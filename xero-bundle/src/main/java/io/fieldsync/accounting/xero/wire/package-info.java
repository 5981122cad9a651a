/**
 * Xero's JSON as records: field names are Xero's (PascalCase through {@code @JsonNaming}), nulls are
 * left out of requests so that only what we mean is sent, and unknown response fields are ignored.
 * Only the fields this provider reads or writes are modelled.
 */
package io.fieldsync.accounting.xero.wire;
