package io.fieldsync.accounting.bench.chaos;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.bench.chaos.ExpectedLedger.ExpectedInvoice;
import io.fieldsync.accounting.bench.chaos.HostCall.CancelInvoice;
import io.fieldsync.accounting.bench.chaos.HostCall.CollectPayment;
import io.fieldsync.accounting.bench.chaos.HostCall.LockInvoice;
import io.fieldsync.accounting.demo.DemoRegion;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosWorkloadTest {

    private static final Duration SPAN = Duration.ofMinutes(7);
    private static final Duration BURST = Duration.ofSeconds(8);

    private static ChaosWorkload day(long seed) {
        return ChaosWorkload.generate(seed, 1000, SPAN, BURST, DemoRegion.NEW_ZEALAND);
    }

    @Test
    void theSameSeedGivesTheSameDayAndAnotherSeedAnother() {
        assertThat(day(7).steps()).isEqualTo(day(7).steps());
        assertThat(day(8).steps()).isNotEqualTo(day(7).steps());
    }

    @Test
    void aThousandDocumentsHoldEveryKindOfDocumentTheIssueAsksFor() {
        ChaosWorkload day = day(7);
        ExpectedLedger expected = day.expected();

        Map<String, Integer> paymentsPerInvoice = new HashMap<>();
        expected.payments().values().forEach(p -> paymentsPerInvoice.merge(p.invoiceHostId(), 1, Integer::sum));
        List<LockInvoice> locks = day.steps().stream().map(HostStep::call).filter(LockInvoice.class::isInstance)
                .map(LockInvoice.class::cast).toList();

        assertThat(expected.documents()).isBetween(1000, 1004);
        assertThat(locks).as("existing contacts of the sandbox").anyMatch(l -> l.invoice().customer().hostId().equals("CUST-001"));
        assertThat(locks.stream().map(l -> l.invoice().customer().hostId()).distinct().count()).as("new customers too").isGreaterThan(50);
        assertThat(expected.payments()).hasSizeGreaterThan(300);
        assertThat(paymentsPerInvoice.values()).as("several payments on one invoice").anyMatch(n -> n >= 2);
        assertThat(expected.invoices().values()).as("partly paid invoices")
                .anyMatch(i -> i.paid().signum() > 0 && i.paid().compareTo(i.total()) < 0);
        assertThat(expected.creditNotes()).hasSizeGreaterThan(40);
        assertThat(day.steps()).as("invoices edited after sync").anyMatch(s -> s.afterSync() && s.call() instanceof LockInvoice);
        assertThat(day.steps()).as("payments edited after sync").anyMatch(s -> s.afterSync() && s.call() instanceof CollectPayment);
        assertThat(expected.invoices().values()).as("meant to fail").filteredOn(ExpectedInvoice::meantToFail).hasSizeGreaterThan(5);
    }

    @Test
    void paymentsNeverExceedWhatTheirInvoiceFinallyOwesAndCancelledInvoicesTakeNone() {
        ExpectedLedger expected = day(11).expected();

        for (ExpectedInvoice invoice : expected.invoices().values()) {
            assertThat(invoice.paid()).as(invoice.number()).isLessThanOrEqualTo(invoice.total());
            if (invoice.credited().signum() > 0) {
                assertThat(invoice.paid()).as(invoice.number()).isEqualByComparingTo(BigDecimal.ZERO);
                assertThat(invoice.credited()).isEqualByComparingTo(invoice.total());
            }
            if (invoice.meantToFail()) {
                assertThat(invoice.paid().add(invoice.credited())).as(invoice.number()).isEqualByComparingTo(BigDecimal.ZERO);
            }
        }
    }

    @Test
    void anEditComesAfterTheRevisionItChangesAndBeforeTheRestOfItsInvoicesStory() {
        List<HostStep> steps = day(7).steps();
        Map<String, Integer> firstStepOf = new HashMap<>();
        Map<String, Integer> invoiceEditAt = new HashMap<>();
        for (HostStep step : steps) {
            String document = step.call().kind() + ":" + step.call().hostId();
            if (step.afterSync()) {
                assertThat(firstStepOf).as("%s is edited after it was first made", document).containsKey(document);
                if (step.call() instanceof LockInvoice) {
                    invoiceEditAt.put(step.call().hostId(), step.index());
                }
            } else {
                firstStepOf.putIfAbsent(document, step.index());
            }
            if (step.call() instanceof CollectPayment || step.call() instanceof CancelInvoice) {
                String invoice = HostDay.story(step.call());
                assertThat(firstStepOf).as("the invoice of %s was locked first", document).containsKey("INVOICE:" + invoice);
                if (!step.afterSync() && invoiceEditAt.containsKey(invoice)) {
                    assertThat(invoiceEditAt.get(invoice)).isLessThan(step.index());
                }
            }
        }
    }

    @Test
    void theHostMakesItsStepsInBurstsInTheOrderOfTheDay() {
        List<HostStep> steps = day(7).steps();

        assertThat(steps).allMatch(step -> step.atMillis() % BURST.toMillis() == 0);
        assertThat(steps).isSortedAccordingTo((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
        assertThat(steps.get(steps.size() - 1).atMillis()).isLessThan(SPAN.toMillis() + Duration.ofMinutes(1).toMillis());
        assertThat(steps.stream().map(HostStep::atMillis).distinct().count()).as("bursts").isGreaterThan(40);
    }

    @Test
    void everyLineIsPricedSoThatGstIsExactToTheCentAtTenAndFifteenPercent() {
        for (DemoRegion region : List.of(DemoRegion.NEW_ZEALAND, DemoRegion.AUSTRALIA)) {
            ChaosWorkload day = ChaosWorkload.generate(3, 200, SPAN, BURST, region);
            day.steps().stream().map(HostStep::call).filter(LockInvoice.class::isInstance).map(LockInvoice.class::cast)
                    .flatMap(lock -> lock.invoice().lines().stream())
                    .forEach(line -> assertThat(line.lineAmount().multiply(region.gstPercent()).divide(BigDecimal.valueOf(100))
                            .stripTrailingZeros().scale()).isLessThanOrEqualTo(2));
        }
    }
}
