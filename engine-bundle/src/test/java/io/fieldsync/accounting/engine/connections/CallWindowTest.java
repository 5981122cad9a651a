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

    @Test
    void aResponsesLatestPossibleResetNeverPushesTheWindowsEndPastAMinuteAfterItsFirstCall() {
        CallWindow minute = new CallWindow(Duration.ofMinutes(1), 60);

        // Xero sends no reset time: each response is reported as resetting "at the latest" a minute after it
        minute.report(59, T0.plusSeconds(60), T0);
        minute.called(T0);
        for (int second = 1; second < 60; second++) {
            minute.report(59 - second, T0.plusSeconds(60 + second), T0.plusSeconds(second));
            minute.called(T0.plusSeconds(second));
        }

        assertThat(minute.remaining(T0.plusSeconds(59))).isZero();
        assertThat(minute.resetsAt(T0.plusSeconds(59))).isEqualTo(T0.plusSeconds(60));
        assertThat(minute.remaining(T0.plusSeconds(60))).isEqualTo(60);
    }

    @Test
    void aRefusalsRetryAfterIsTheVendorsWordEvenWhenItIsLaterThanOurWindow() {
        CallWindow minute = new CallWindow(Duration.ofMinutes(1), 60);
        minute.called(T0);

        minute.report(0, T0.plusSeconds(90), T0.plusSeconds(30), true);

        assertThat(minute.resetsAt(T0.plusSeconds(30))).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void anEarlierReportedResetBringsTheWindowsEndCloser() {
        CallWindow minute = new CallWindow(Duration.ofMinutes(1), 60);
        minute.called(T0);

        // the window was opened by another node of the app before our first call
        minute.report(10, T0.plusSeconds(20), T0.plusSeconds(5));

        assertThat(minute.resetsAt(T0.plusSeconds(5))).isEqualTo(T0.plusSeconds(20));
    }
}
