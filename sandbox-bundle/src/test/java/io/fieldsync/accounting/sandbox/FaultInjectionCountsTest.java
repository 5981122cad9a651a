package io.fieldsync.accounting.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultInjectionCountsTest {

    @Test
    void onlyFaultsThatReachedACallAreCounted() {
        FaultInjection faults = new FaultInjection(1);
        faults.errorRate(1.0);
        faults.nextCallFails();
        faults.nextCallFails();
        faults.errorRate(0);
        faults.nextCallFails();
        faults.tooManyRequests(3, Duration.ofSeconds(2));
        faults.takeTooManyRequests();
        faults.dropConnectionAfterApply(2);
        faults.takeDropAfterApply();
        faults.failNext(1, 503);
        faults.takeForcedFailure();
        faults.takeForcedFailure();

        InjectedFaults injected = faults.injected();

        assertThat(injected.serverErrors()).isEqualTo(2);
        assertThat(injected.tooManyRequests()).as("two of the three armed 429s never met a call").isEqualTo(1);
        assertThat(injected.droppedAfterApply()).isEqualTo(1);
        assertThat(injected.forcedFailures()).isEqualTo(1);
        assertThat(injected.total()).isEqualTo(5);
    }

    @Test
    void aResetDisarmsFaultsButKeepsTheCountOfThoseAlreadyInjected() {
        FaultInjection faults = new FaultInjection(1);
        faults.dropConnectionAfterApply(3);
        faults.takeDropAfterApply();

        faults.reset();

        assertThat(faults.takeDropAfterApply()).isFalse();
        assertThat(faults.injected().droppedAfterApply()).isEqualTo(1);
    }

    @Test
    void aLateAnswerAfterApplyIsGivenToTheNextWritesOnlyWithItsDelay() {
        FaultInjection faults = new FaultInjection(1);
        faults.answerLateAfterApply(2, Duration.ofSeconds(15));

        assertThat(faults.takeLateAnswerAfterApply()).contains(Duration.ofSeconds(15));
        assertThat(faults.takeLateAnswerAfterApply()).contains(Duration.ofSeconds(15));
        assertThat(faults.takeLateAnswerAfterApply()).isEmpty();
        assertThat(faults.injected().answeredLateAfterApply()).isEqualTo(2);
    }

    @Test
    void aReseededErrorRateFailsTheSameCallsAgain() {
        FaultInjection faults = new FaultInjection();
        faults.errorRate(0.3);
        faults.reseed(42);
        List<Boolean> first = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            first.add(faults.nextCallFails());
        }
        faults.reseed(42);
        List<Boolean> second = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            second.add(faults.nextCallFails());
        }

        assertThat(second).isEqualTo(first).contains(true, false);
    }
}
