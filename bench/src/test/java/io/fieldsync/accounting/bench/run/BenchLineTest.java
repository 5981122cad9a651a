package io.fieldsync.accounting.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchLineTest {

    @Test
    void theLastLineNamesTheSixMetricsInTheIssuesOrder() {
        String line = new BenchLine(1.0434, 0.93, 2411.6, 9.714, 812.4, 1.8).format();

        assertThat(line).isEqualTo("bench: calls_per_doc_ratio=1.043 rate_bound_ratio=0.930 enqueue_per_s=2412 "
                + "enqueue_p99_ms=9.71 webhook_p99_ms=812 isolation_ratio=1.800");
        assertThat(line).matches("bench: calls_per_doc_ratio=\\S+ rate_bound_ratio=\\S+ enqueue_per_s=\\S+ enqueue_p99_ms=\\S+ "
                + "webhook_p99_ms=\\S+ isolation_ratio=\\S+");
    }

    @Test
    void aMeasurementThatCouldNotRunIsNaNNotANumberMadeUp() {
        String line = new BenchLine(1.2, Double.NaN, 2000, 5, Double.NaN, Double.POSITIVE_INFINITY).format();

        assertThat(line).contains("rate_bound_ratio=NaN", "webhook_p99_ms=NaN", "isolation_ratio=NaN");
    }
}
