package io.fieldsync.accounting.api.spi;

import java.util.Objects;

/**
 * A contact (customer) of the accounting system.
 *
 * @param remoteId its remote id
 * @param name its name
 * @param email its email, or null
 * @param active whether it is active (archived contacts cannot receive invoices)
 */
public record RemoteContact(String remoteId, String name, String email, boolean active) {

    /** Validates the parts. */
    public RemoteContact {
        Objects.requireNonNull(remoteId, "remote id");
        Objects.requireNonNull(name, "name");
    }
}
