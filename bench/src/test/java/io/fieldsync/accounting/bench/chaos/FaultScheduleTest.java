package io.fieldsync.accounting.bench.chaos;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.bench.chaos.ChaosEvent.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class FaultScheduleTest {

    private static final Duration DAY = Duration.ofSeconds(90);

    @Test
    void theSameSeedPlansTheSameRunAndAnotherSeedAnother() {
        assertThat(FaultSchedule.plan(1, DAY, 5, 10_000)).isEqualTo(FaultSchedule.plan(1, DAY, 5, 10_000));
        assertThat(FaultSchedule.plan(2, DAY, 5, 10_000)).isNotEqualTo(FaultSchedule.plan(1, DAY, 5, 10_000));
    }

    @Test
    void killsFallAtRandomMomentsSpreadOverTheDayAndItsDrainNeverBackToBack() {
        for (long seed = 0; seed < 50; seed++) {
            List<ChaosEvent> kills = FaultSchedule.plan(seed, DAY, 5, 10_000).stream().filter(e -> e.kind() == Kind.KILL).toList();

            assertThat(kills).hasSize(5);
            assertThat(kills.get(0).atMillis()).isGreaterThanOrEqualTo(9_000);
            assertThat(kills.get(4).atMillis()).isLessThanOrEqualTo(99_000);
            for (int i = 1; i < kills.size(); i++) {
                assertThat(kills.get(i).atMillis() - kills.get(i - 1).atMillis()).as("seed %d", seed).isGreaterThanOrEqualTo(7_000);
            }
            assertThat(kills).allMatch(kill -> kill.value() >= 500 && kill.value() < 3_000);
        }
    }

    @Test
    void everyKindOfFaultTheIssueNamesIsPlannedAndLateAnswersComeAfterTheReadTimeout() {
        List<ChaosEvent> plan = FaultSchedule.plan(3, DAY, 5, 10_000);

        assertThat(plan).extracting(ChaosEvent::kind).contains(Kind.DROP_AFTER_APPLY, Kind.LATE_ANSWER, Kind.TOO_MANY_REQUESTS);
        assertThat(plan).filteredOn(e -> e.kind() == Kind.TOKEN_OUTAGE).singleElement()
                .satisfies(outage -> assertThat(outage.atMillis()).isLessThan(plan.stream().filter(e -> e.kind() == Kind.REVOKE)
                        .findFirst().orElseThrow().atMillis() - 15_000));
        assertThat(plan).filteredOn(e -> e.kind() == Kind.LATE_ANSWER).allMatch(late -> late.value() > 10_000);
        assertThat(plan).isSortedAccordingTo((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
    }

    @Test
    void every429WindowEndsAFewSecondsAfterItOpens() {
        List<ChaosEvent> plan = FaultSchedule.plan(5, DAY, 5, 10_000);
        List<ChaosEvent> opens = plan.stream().filter(e -> e.kind() == Kind.TOO_MANY_REQUESTS).toList();

        assertThat(opens).hasSizeGreaterThanOrEqualTo(3);
        for (ChaosEvent open : opens) {
            assertThat(open.count()).isBetween(3, 8);
            assertThat(plan).anyMatch(e -> e.kind() == Kind.TOO_MANY_REQUESTS_END && e.atMillis() == open.atMillis() + open.count() * 1000L);
        }
        assertThat(plan.stream().filter(e -> e.kind() == Kind.TOO_MANY_REQUESTS_END).count()).isEqualTo(opens.size());
    }
}
