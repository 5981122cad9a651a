package io.fieldsync.accounting.api.admin;

import java.util.Objects;

/**
 * One contact of the accounting system in a contact import, and what was decided for it.
 *
 * @param remoteId its id in the accounting system; null for a host customer whose contact is yet to be created there
 *                 ({@link ContactDecision#CREATE_IN_ACCOUNTING_SYSTEM})
 * @param name its name
 * @param email its email, or null
 * @param hostCustomerId the host customer it was paired with, or null
 * @param decision mapped, to create in the host, or ignored
 * @param reason why, in the admin's words
 */
public record ImportedContact(String remoteId, String name, String email, String hostCustomerId, ContactDecision decision,
                              String reason) {

    /** Validates the parts. */
    public ImportedContact {
        if (remoteId == null && decision != ContactDecision.CREATE_IN_ACCOUNTING_SYSTEM) {
            throw new NullPointerException("remote id");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
    }
}
