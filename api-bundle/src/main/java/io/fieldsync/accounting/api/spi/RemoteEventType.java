package io.fieldsync.accounting.api.spi;

/**
 * What happened to a resource, in the SPI's words. Providers map their vendor's words onto these (QuickBooks' past
 * tenses of CloudEvents and verbs of its older payload alike); a word with no constant here becomes {@link #OTHER},
 * and the event keeps the vendor's word ({@link RemoteEvent#vendorEventType()}).
 */
public enum RemoteEventType {
    /** Xero {@code CREATE}; QuickBooks {@code Create} / {@code created}. */
    CREATE,
    /** Xero {@code UPDATE} (an archived contact too); QuickBooks {@code Update} / {@code updated}. */
    UPDATE,
    /** QuickBooks {@code Delete} / {@code deleted}. */
    DELETE,
    /** QuickBooks {@code Void} / {@code voided}. */
    VOID,
    /** QuickBooks {@code Merge} / {@code merged}. */
    MERGE,
    /** Anything else (QuickBooks {@code Emailed}, ...). */
    OTHER
}
