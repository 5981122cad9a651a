package io.fieldsync.accounting.engine.sync;

import java.util.Optional;
import java.util.regex.Pattern;

import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

/** Refuses customers the accounting systems would refuse, before any call is made. */
final class CustomerCheck {

    /** One @, no blanks, a dot in the domain: what both Xero and QuickBooks accept, without RFC 5322's corners. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    /** Xero's contact name limit, the smaller of the two systems' (QuickBooks DisplayName: 500). */
    private static final int MAX_NAME = 255;

    private CustomerCheck() {
    }

    static Optional<SyncError> problem(Customer customer) {
        if (customer.name().isEmpty()) {
            return invalid("with host id " + customer.hostId(), "it has no name");
        }
        String who = "'" + customer.name() + "'";
        if (customer.name().length() > MAX_NAME) {
            return invalid(who, "its name is longer than " + MAX_NAME + " characters");
        }
        if (customer.email() != null && !EMAIL.matcher(customer.email()).matches()) {
            return invalid(who, "its email address '" + customer.email() + "' is not valid");
        }
        return Optional.empty();
    }

    private static Optional<SyncError> invalid(String who, String reason) {
        return Optional.of(new SyncError(ErrorCode.CUSTOMER_INVALID,
                "Customer " + who + " cannot be sent: " + reason + ". " + ErrorCode.CUSTOMER_INVALID.action(), null));
    }
}
