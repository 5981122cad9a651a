package io.fieldsync.accounting.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class IsolationMeasurementTest {

    private static IsolationMeasurement.Scenario scenario(boolean hang, List<Long> millis, int expected) {
        return new IsolationMeasurement.Scenario(hang, 40, expected, millis, Duration.ofSeconds(90));
    }

    @Test
    void theRatioIsTheHangingP99OverTheHealthyP99() {
        List<Long> healthy = LongStream.rangeClosed(1, 100).map(i -> i * 100).boxed().toList();
        List<Long> slowed = LongStream.rangeClosed(1, 100).map(i -> i * 300).boxed().toList();

        IsolationMeasurement measured = new IsolationMeasurement(scenario(false, healthy, 100), scenario(true, slowed, 100));

        assertThat(measured.healthy().p99()).isEqualTo(9_900);
        assertThat(measured.ratio()).isEqualTo(3.0);
    }

    @Test
    void aRunInWhichSomeHealthyInvoicesNeverSyncedHasNoP99() {
        IsolationMeasurement.Scenario timedOut = scenario(true, List.of(100L, 200L), 4);

        assertThat(timedOut.complete()).isFalse();
        assertThat(timedOut.p99()).isNaN();
        assertThat(new IsolationMeasurement(scenario(false, List.of(100L), 1), timedOut).ratio()).isNaN();
    }
}
