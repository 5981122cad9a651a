package io.fieldsync.accounting.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.bench.run.BenchOptions.Metric;

class TargetsTest {

    private static final EnumSet<Metric> ALL = EnumSet.allOf(Metric.class);

    @Test
    void slowTimingsAreReportedButDoNotFailTheRun() {
        BenchLine slowMachine = new BenchLine(1.0, 0.5, 900, 40, 9_000, 7);

        assertThat(Targets.failures(slowMachine, ALL)).isEmpty();
        assertThat(Targets.timingMisses(slowMachine)).hasSize(5);
    }

    @Test
    void tooManyCallsPerDocumentFailsTheRunBecauseItIsExact() {
        BenchLine line = new BenchLine(1.06, 0.95, 2500, 5, 900, 1.2);

        assertThat(Targets.failures(line, ALL)).singleElement().asString().startsWith("calls_per_doc_ratio 1.060 is above 1.05");
        assertThat(Targets.timingMisses(line)).isEmpty();
    }

    @Test
    void aMeasurementAskedForThatGaveNoNumberFailsAndOneNotAskedForDoesNot() {
        BenchLine line = new BenchLine(1.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        assertThat(Targets.failures(line, EnumSet.of(Metric.CALLS))).isEmpty();
        assertThat(Targets.failures(line, EnumSet.of(Metric.CALLS, Metric.WEBHOOK))).containsExactly("webhook_p99_ms could not be measured");
    }
}
