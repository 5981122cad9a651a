package io.fieldsync.accounting.engine.store;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.RemotePaymentState;

/** The payment states the accounting system reports for synced invoices, kept on their journal rows. */
public final class PaymentStates {

    private static final String FIND_BY_REMOTE = "SELECT " + JournalRows.COLUMNS + " FROM journal WHERE company_id = ? "
            + "AND provider = ? AND remote_id = ? AND kind = 'INVOICE'";
    private static final String PAYMENT_STATE = "UPDATE journal SET payment_state = ?, amount_paid = ?, amount_credited = ?, "
            + "amount_due = ?, last_payment_date = ?, payment_observed_at = ? WHERE id = ?";

    private final Database database;

    public PaymentStates(Database database) {
        this.database = database;
    }

    /**
     * Records what the accounting system says about a synced invoice's payments. Returns the updated
     * entry when something changed, empty when the invoice is unknown or the state is the same (webhooks
     * and polls overlap, and a repeat must not tell the host twice).
     */
    public Optional<JournalEntry> record(CompanyId company, String provider, String remoteInvoiceId,
                                                     RemotePaymentState state) {
        return database.transaction(connection -> {
            Optional<JournalEntry> entry;
            try (PreparedStatement query = connection.prepareStatement(FIND_BY_REMOTE)) {
                query.setString(1, company.value());
                query.setString(2, provider);
                query.setString(3, remoteInvoiceId);
                List<JournalEntry> rows = JournalRows.list(query);
                entry = rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
            }
            if (entry.isEmpty() || samePayments(entry.get().paymentState(), state)) {
                return Optional.<JournalEntry>empty();
            }
            try (PreparedStatement update = connection.prepareStatement(PAYMENT_STATE)) {
                update.setString(1, state.state().name());
                update.setBigDecimal(2, state.amountPaid());
                update.setBigDecimal(3, state.amountCredited());
                update.setBigDecimal(4, state.amountDue());
                update.setObject(5, state.lastPaymentDate());
                Database.setInstant(update, 6, state.observedAt());
                update.setLong(7, entry.get().id());
                update.executeUpdate();
            }
            return JournalRows.find(connection, entry.get().document());
        });
    }

    private static boolean samePayments(RemotePaymentState before, RemotePaymentState now) {
        return before != null && before.state() == now.state() && before.amountPaid().compareTo(now.amountPaid()) == 0
                && before.amountCredited().compareTo(now.amountCredited()) == 0 && before.amountDue().compareTo(now.amountDue()) == 0
                && Objects.equals(before.lastPaymentDate(), now.lastPaymentDate());
    }

}
