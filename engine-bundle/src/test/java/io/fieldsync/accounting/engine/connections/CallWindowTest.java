package io.fieldsync.accounting.engine.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CallWindowTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void ourOwnCountSpendsTheDeclaredBudgetAndTheWindowResetsAfterItsLength() {
        CallWindow minute = new CallWindow(Duration.ofMinutes(1), 3);

        minute.called(T0);
        minute.called(T0.plusSeconds(10));
        minute.called(T0.plusSeconds(20));

        assertThat(minute.remaining(T0.plusSeconds(30))).isZero();
        assertThat(minute.resetsAt(T0.plusSeconds(30))).isEqualTo(T0.plusSeconds(60));
        assertThat(minute.remaining(T0.plusSeconds(60))).isEqualTo(3);
    }

    @Test
    void aReportedRemainingBelowOurCountWinsAndTheCallItDescribesIsNotCountedTwice() {
        CallWindow minute = new CallWindow(Duration.ofMinutes(1), 60);

        // another node of the app used the organisation's budget too: Xero says 5 are left after this call
        minute.report(5, null, T0);
        minute.called(T0);

        assertThat(minute.remaining(T0)).isEqualTo(5);
        minute.called(T0.plusSeconds(1));
        assertThat(minute.remaining(T0.plusSeconds(1))).isEqualTo(4);
    }

    @Test
    void aReportedResetMovesTheWindowsEnd() {
        CallWindow day = new CallWindow(Duration.ofDays(1), 1000);

        day.report(0, T0.plusSeconds(3600), T0);

        assertThat(day.remaining(T0)).isZero();
        assertThat(day.resetsAt(T0)).isEqualTo(T0.plusSeconds(3600));
        assertThat(day.remaining(T0.plusSeconds(3600))).isEqualTo(1000);
    }
}
