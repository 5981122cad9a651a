package io.fieldsync.accounting.bench.chaos;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeKillPlanTest {

    private static List<ChaosEvent> schedule(int kills) {
        return FaultSchedule.plan(20261203L, Duration.ofSeconds(90), kills, 10_000);
    }

    @Test
    void everyPlannedKillHitsOneNodeAndOneOfThemStaysDownForTheOthersToTakeOver() {
        List<NodeKill> kills = NodeKillPlan.assign(20261203L, 3, schedule(5));

        assertThat(kills).hasSize(5);
        assertThat(kills).allSatisfy(kill -> assertThat(kill.node()).isBetween(0, 2));
        assertThat(kills).filteredOn(NodeKill::held).hasSize(1);
    }

    @Test
    void theNodeLeftDownIsKilledMidDrainAndNoLaterKillPicksIt() {
        List<NodeKill> kills = NodeKillPlan.assign(7L, 3, schedule(8));
        NodeKill held = kills.stream().filter(NodeKill::held).findFirst().orElseThrow();

        assertThat(kills.indexOf(held)).isEqualTo(kills.size() / 2);
        assertThat(kills.subList(kills.indexOf(held) + 1, kills.size())).allSatisfy(kill -> assertThat(kill.node()).isNotEqualTo(held.node()));
    }

    @Test
    void aSingleNodeIsAlwaysStartedAgainAsInTheSingleNodeRun() {
        List<NodeKill> kills = NodeKillPlan.assign(11L, 1, schedule(5));

        assertThat(kills).noneMatch(NodeKill::held);
        assertThat(kills).allSatisfy(kill -> assertThat(kill.node()).isZero());
    }

    @Test
    void theSameSeedPlansTheSameKills() {
        assertThat(NodeKillPlan.assign(23L, 3, schedule(5))).isEqualTo(NodeKillPlan.assign(23L, 3, schedule(5)));
        assertThat(NodeKillPlan.assign(23L, 3, schedule(5)).stream().map(NodeKill::atMillis).toList())
                .isEqualTo(schedule(5).stream().filter(e -> e.kind() == ChaosEvent.Kind.KILL).map(ChaosEvent::atMillis).toList());
    }
}
