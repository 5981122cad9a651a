package io.fieldsync.accounting.api.spi;

import java.util.List;

/**
 * One page of the accounting system's contacts.
 *
 * @param contacts the contacts on this page
 * @param hasMore whether another page follows
 */
public record ContactPage(List<RemoteContact> contacts, boolean hasMore) {

    /** Copies the list. */
    public ContactPage {
        contacts = List.copyOf(contacts);
    }
}
