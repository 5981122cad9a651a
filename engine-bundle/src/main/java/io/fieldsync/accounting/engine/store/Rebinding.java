package io.fieldsync.accounting.engine.store;

import java.util.List;

/**
 * What an explicit rebind of a company's documents did: which now follow the company's provider, and which stay
 * with the provider they are bound to, and why.
 *
 * @param moved the rows unbound (each as it now stands): they go to the company's provider on the next pass
 * @param kept the rows bound elsewhere that stay there
 */
public record Rebinding(List<JournalEntry> moved, List<Kept> kept) {

    /** Why a bound row cannot leave its provider. */
    public enum Reason {
        /** The document exists there (synced before; an edit waits to update it). */
        SYNCED_THERE,
        /** An attempt's answer was never recorded: it may exist there, and only a look there can tell. */
        IN_DOUBT,
        /** It is being sent there right now. */
        SENDING,
        /** Its invoice stays there, and a payment or credit note goes where its invoice is. */
        INVOICE_STAYS,
        /** It changed while the rebind ran; asking again decides it. */
        CHANGED_MEANWHILE
    }

    /**
     * A row that stays with its provider.
     *
     * @param entry the row
     * @param provider the provider it stays with
     * @param reason why
     */
    public record Kept(JournalEntry entry, String provider, Reason reason) {
    }
}
