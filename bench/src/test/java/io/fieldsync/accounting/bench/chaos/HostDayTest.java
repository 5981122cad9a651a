package io.fieldsync.accounting.bench.chaos;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.bench.chaos.HostCall.CollectPayment;
import io.fieldsync.accounting.bench.chaos.HostCall.LockInvoice;

import static org.assertj.core.api.Assertions.assertThat;

class HostDayTest {

    private static final CompanyId COMPANY = CompanyId.of("c");
    private static final Duration EDIT_WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** A clock that moves only when the host pauses. */
    private static final class MovedClock extends Clock {
        private Instant now = Instant.parse("2026-11-02T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    private final MovedClock clock = new MovedClock();
    private final FakeSync sync = new FakeSync(clock);
    private final List<Runnable> atPause = new ArrayList<>();

    private HostDay host(HostProgress progress) {
        return new HostDay(sync, COMPANY, progress, new EventLog(dir.resolve("events.log"), clock), EDIT_WAIT, clock, duration -> {
            clock.advance(duration);
            atPause.forEach(Runnable::run);
        });
    }

    private static Invoice invoice(String id, String quantity) {
        return new Invoice(id, "N-" + id, new Customer("C-" + id, "Customer " + id, null, null, null), LocalDate.of(2026, 11, 2),
                LocalDate.of(2026, 11, 22), java.util.Currency.getInstance("NZD"), null, AmountType.TAX_EXCLUSIVE,
                List.of(InvoiceLine.of("work", new BigDecimal(quantity), new BigDecimal("10.00"), "Labour", List.of("GST"))), null);
    }

    private static Payment payment(String id, String invoice) {
        return new Payment(id, invoice, new BigDecimal("5.00"), LocalDate.of(2026, 11, 9), PaymentMethod.CARD, "RCPT " + id,
                java.util.Currency.getInstance("NZD"), null);
    }

    private static List<HostStep> day() {
        return List.of(
                new HostStep(0, 0, new LockInvoice(invoice("A", "1")), false),
                new HostStep(1, 0, new LockInvoice(invoice("B", "1")), false),
                new HostStep(2, 8_000, new LockInvoice(invoice("A", "2")), true),
                new HostStep(3, 8_000, new CollectPayment(payment("PA", "A")), false),
                new HostStep(4, 16_000, new CollectPayment(payment("PB", "B")), false));
    }

    @Test
    void stepsAreMadeAtTheirTimeAndAnEditWaitsForItsDocumentWhileOtherInvoicesGoOn() throws Exception {
        atPause.add(() -> {
            if (clock.millis() - Instant.parse("2026-11-02T08:00:00Z").toEpochMilli() >= 20_000) {
                sync.status(DocumentRef.invoice(COMPANY, "A"), SyncStatus.SYNCED);
            }
        });

        try (HostProgress progress = HostProgress.open(dir.resolve("progress.log"))) {
            host(progress).run(day());

            assertThat(sync.calls).extracting(call -> call.substring(0, call.indexOf(" @"))).containsExactly(
                    "INVOICE A", "INVOICE B", "PAYMENT PB", "INVOICE A", "PAYMENT PA");
            assertThat(millisOf(sync.calls.get(2))).as("B's payment on time, not behind A's edit").isEqualTo(16_000);
            assertThat(millisOf(sync.calls.get(3))).as("A's edit once A synced").isBetween(20_000L, 20_100L);
            assertThat(millisOf(sync.calls.get(4))).as("A's payment right behind its edit").isBetween(20_000L, 20_100L);
            assertThat(progress.count()).isEqualTo(5);
        }
    }

    @Test
    void anEditWhoseDocumentNeverSyncsIsMadeAnywayAfterTheWaitAndSaidSo() throws Exception {
        try (HostProgress progress = HostProgress.open(dir.resolve("progress.log"))) {
            host(progress).run(day());
        }

        assertThat(millisOf(sync.calls.get(3))).isBetween(28_000L, 28_100L);
        assertThat(EventLog.read(dir.resolve("events.log"), "edit-before-sync")).singleElement().asString().contains("INVOICE/A");
    }

    @Test
    void afterARestartOnlyTheStepsNotAcknowledgedAreMadeAndAnOldWaitingEditDoesNotHoldTheDayBack() throws Exception {
        try (HostProgress progress = HostProgress.open(dir.resolve("progress.log"))) {
            progress.acknowledge(0, "INVOICE A r1");
            progress.acknowledge(1, "INVOICE B r1");
            progress.acknowledge(4, "PAYMENT PB r1");
        }
        sync.status(DocumentRef.invoice(COMPANY, "A"), SyncStatus.SYNCED);

        List<HostStep> day = new ArrayList<>(day());
        day.add(new HostStep(5, 24_000, new LockInvoice(invoice("C", "1")), false));

        try (HostProgress progress = HostProgress.open(dir.resolve("progress.log"))) {
            host(progress).run(day);
        }

        assertThat(sync.calls).as("the day resumes at step 5; the edit left waiting at 8 s is due at once")
                .containsExactly("INVOICE A @" + start(), "PAYMENT PA @" + start(), "INVOICE C @" + start());
    }

    @Test
    void anEditOfADocumentTheJournalNoLongerKnowsIsMadeAtOnce() throws Exception {
        try (HostProgress progress = HostProgress.open(dir.resolve("progress.log"))) {
            progress.acknowledge(0, "INVOICE A r1");
        }

        try (HostProgress progress = HostProgress.open(dir.resolve("progress.log"))) {
            host(progress).run(List.of(day().get(0), day().get(2)));
        }

        assertThat(sync.calls).containsExactly("INVOICE A @" + start());
        assertThat(EventLog.read(dir.resolve("events.log"), "edit-of-unknown")).hasSize(1);
        assertThat(Set.copyOf(HostProgress.acknowledgedIn(dir.resolve("progress.log")))).containsExactlyInAnyOrder(0, 2);
    }

    private long start() {
        return Instant.parse("2026-11-02T08:00:00Z").toEpochMilli();
    }

    private long millisOf(String call) {
        return Long.parseLong(call.substring(call.indexOf(" @") + 2)) - start();
    }
}
