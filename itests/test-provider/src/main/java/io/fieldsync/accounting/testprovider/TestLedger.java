package io.fieldsync.accounting.testprovider;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fieldsync.accounting.api.MoneyRules;
import io.fieldsync.accounting.api.PaymentState;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;

/**
 * The contacts and invoices one test provider instance has received, in memory: enough to answer
 * contact listings, payment-state reads and change polls truthfully. Lost when the bundle stops, like a freshly reset sandbox.
 */
final class TestLedger {

    private record Entry(String number, BigDecimal total, BigDecimal paid, BigDecimal credited,
                         LocalDate lastPaymentDate, Instant changedAt) {

        RemoteInvoiceState state(String remoteId) {
            BigDecimal due = MoneyRules.round(total.subtract(paid).subtract(credited).max(BigDecimal.ZERO));
            PaymentState state;
            if (due.signum() > 0) {
                state = paid.signum() > 0 ? PaymentState.PARTIALLY_PAID : PaymentState.UNPAID;
            } else {
                state = paid.signum() == 0 && credited.signum() > 0 ? PaymentState.VOIDED : PaymentState.PAID;
            }
            return new RemoteInvoiceState(remoteId, number, new RemotePaymentState(state, MoneyRules.round(paid),
                    MoneyRules.round(credited), due, lastPaymentDate, changedAt));
        }
    }

    private final Map<String, RemoteContact> contacts = new ConcurrentHashMap<>();
    private final Map<String, Entry> invoices = new ConcurrentHashMap<>();
    private final Clock clock;

    TestLedger(Clock clock) {
        this.clock = clock;
    }

    /** A contact created or updated. */
    void contact(RemoteContact contact) {
        contacts.put(contact.remoteId(), contact);
    }

    /** The contact with this email (ignoring case), else the one with this name. */
    Optional<RemoteContact> findContact(String email, String name) {
        Optional<RemoteContact> byEmail = email == null ? Optional.empty() : contacts.values().stream()
                .filter(contact -> contact.email() != null && contact.email().toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT)))
                .findFirst();
        return byEmail.or(() -> contacts.values().stream().filter(contact -> contact.name().equals(name)).findFirst());
    }

    /** Every contact, ordered by remote id so that pages are stable. */
    List<RemoteContact> contacts() {
        return contacts.values().stream().sorted(Comparator.comparing(RemoteContact::remoteId)).toList();
    }

    /** An invoice created, or updated (its payments and credits stay). */
    void invoice(String remoteId, String number, BigDecimal total) {
        Instant now = clock.instant();
        invoices.merge(remoteId, new Entry(number, total, BigDecimal.ZERO, BigDecimal.ZERO, null, now),
                (old, fresh) -> new Entry(number, total, old.paid(), old.credited(), old.lastPaymentDate(), now));
    }

    /** A payment applied to a known invoice; one for an unknown invoice changes nothing. */
    void payment(String remoteInvoiceId, BigDecimal amount, LocalDate date) {
        invoices.computeIfPresent(remoteInvoiceId, (id, old) -> new Entry(old.number(), old.total(), old.paid().add(amount),
                old.credited(), date, clock.instant()));
    }

    /** A credit note allocated to a known invoice. */
    void credit(String remoteInvoiceId, BigDecimal amount) {
        invoices.computeIfPresent(remoteInvoiceId, (id, old) -> new Entry(old.number(), old.total(), old.paid(),
                old.credited().add(amount), old.lastPaymentDate(), clock.instant()));
    }

    Optional<RemoteInvoiceState> state(String remoteInvoiceId) {
        return Optional.ofNullable(invoices.get(remoteInvoiceId)).map(entry -> entry.state(remoteInvoiceId));
    }

    List<RemoteInvoiceState> changedSince(Instant since) {
        return invoices.entrySet().stream()
                .filter(entry -> !entry.getValue().changedAt().isBefore(since))
                .map(entry -> entry.getValue().state(entry.getKey()))
                .toList();
    }
}
