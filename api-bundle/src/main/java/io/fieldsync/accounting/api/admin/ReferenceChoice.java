package io.fieldsync.accounting.api.admin;

import java.util.Objects;

/**
 * The admin's decision for one row of a tax-rate or item import (since 1.3): which of the accounting system's tax rates a
 * host tax rate is, or which item a host category books through, chosen by hand; or that the host value has none.
 *
 * <p>There is no "create" for these rows: a tax rate or an item created from here would need what the vendor asks
 * of its admin (Xero's tax components and report type; QuickBooks' income account per item and its tax agency), which
 * the host does not hold; they are created in the accounting system and imported again ({@code refreshReferenceData}).
 *
 * @param kind tax rate or item
 * @param hostValue the host tax rate id (TAX_RATE) or the host category (ITEM)
 * @param remoteKey the remote tax rate's code, or the item's code or id, for MAPPED; null for IGNORED
 * @param decision MAPPED (link by hand) or IGNORED (the host value's mapping is removed)
 */
public record ReferenceChoice(Kind kind, String hostValue, String remoteKey, ContactDecision decision) {

    /** Which list of the accounting system's reference data a row is from. */
    public enum Kind {
        /** A host tax rate and a tax rate of the accounting system. */
        TAX_RATE,
        /** A host category and an item (product or service) of the accounting system. */
        ITEM
    }

    /** Validates the parts. */
    public ReferenceChoice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(decision, "decision");
    }
}
