/**
 * QuickBooks Online's JSON as records: field names are the XSD element names (PascalCase through
 * {@code @JsonNaming}; references keep their lower-case {@code value}/{@code name}), nulls are left out of
 * requests so that only what we mean is sent, and unknown response fields are ignored. Only the fields this
 * provider reads or writes are modelled.
 */
package io.fieldsync.accounting.quickbooks.wire;
