package io.fieldsync.accounting.api;

/**
 * The host's customer as it stands on an invoice. It is matched to a contact (Xero) or customer
 * (QuickBooks Online) by email, then by name, or created; the link is kept and reused.
 *
 * <p>The record accepts a blank name or a malformed email on purpose: such a customer is a
 * business problem of one document, reported as
 * {@link ErrorCode#CUSTOMER_INVALID} on that document, not an exception thrown at the host.
 *
 * @param hostId the host's customer id
 * @param name display name; must be unique in the accounting system
 * @param email email address, or null
 * @param phone phone number, or null
 * @param billingAddress billing address, or null
 */
public record Customer(String hostId, String name, String email, String phone, Address billingAddress) {

    /** Checks the id and trims the optional parts. */
    public Customer {
        HostIds.require(hostId, "customer host id");
        name = name == null ? "" : name.strip();
        email = HostIds.optional(email);
        phone = HostIds.optional(phone);
    }
}
