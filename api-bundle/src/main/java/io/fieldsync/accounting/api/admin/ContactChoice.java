package io.fieldsync.accounting.api.admin;

import java.util.Objects;

/**
 * The admin's decision for one row of a contact import (since 1.3), which may differ from what pairing by name proposed.
 *
 * <ul>
 *   <li>{@link ContactDecision#MAPPED}: link host customer {@code hostCustomerId} to contact {@code remoteContactId},
 *       chosen by hand (the manual link): that customer's invoices use that contact, whatever the names.</li>
 *   <li>{@link ContactDecision#CREATE_IN_HOST}: contact {@code remoteContactId} is to become a host customer. The engine
 *       keeps no customers of its own, so the answer hands the host the contact (id, name, email); once the host has
 *       created its customer it links the two with a MAPPED choice.</li>
 *   <li>{@link ContactDecision#CREATE_IN_ACCOUNTING_SYSTEM}: host customer {@code hostCustomerId} has no contact and
 *       gets one: its link, if any, is removed, and the contact is created with the customer's next invoice, by the
 *       same exactly-once customer push as any new customer's.</li>
 *   <li>{@link ContactDecision#IGNORED}: nothing is linked or created for contact {@code remoteContactId}.</li>
 * </ul>
 *
 * @param remoteContactId the contact's id in the accounting system; null only with CREATE_IN_ACCOUNTING_SYSTEM
 * @param hostCustomerId the host customer; required with MAPPED and CREATE_IN_ACCOUNTING_SYSTEM, else null
 * @param decision what the admin chose
 */
public record ContactChoice(String remoteContactId, String hostCustomerId, ContactDecision decision) {

    /** Validates the parts. */
    public ContactChoice {
        Objects.requireNonNull(decision, "decision");
    }
}
