package io.fieldsync.accounting.api.admin;

import java.util.Objects;

/**
 * A product or service item of the accounting system (QuickBooks lines need one; Xero lines may name one).
 *
 * @param id the accounting system's id
 * @param code the item code, or null
 * @param name the item name
 * @param active whether it can be used
 */
public record RemoteItem(String id, String code, String name, boolean active) {

    /** Validates the parts. */
    public RemoteItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
