package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.store.LaneId;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class LaneLeasesTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final NodeId ONE = new NodeId("node-1");
    private static final NodeId TWO = new NodeId("node-2");
    private static final LaneId ACME = new LaneId(CompanyId.of("acme"), "xero");

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase database;

    private LaneLeases leases;

    @BeforeEach
    void migrate() {
        database = kind.fresh();
        Database db = new Database(database.dataSource());
        new SchemaMigrations(db, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).migrate();
        leases = new LaneLeases(db);
    }

    @Test
    void aLaneHeldByALiveNodeIsLeftToItAndTakenOnceItsLeaseEnded() {
        assertThat(leases.claim(ONE, List.of(ACME), NOW, NOW.plus(LEASE))).containsExactly(ACME);

        assertThat(leases.claim(TWO, List.of(ACME), NOW.plusSeconds(119), NOW.plusSeconds(119).plus(LEASE))).isEmpty();
        assertThat(leases.claim(TWO, List.of(ACME), NOW.plusSeconds(121), NOW.plusSeconds(121).plus(LEASE))).containsExactly(ACME);
        assertThat(leases.live(NOW.plusSeconds(121))).singleElement().satisfies(lease -> assertThat(lease.owner()).isEqualTo(TWO));
    }

    @Test
    void aNodeKeepsItsLaneByRenewingAndLearnsWhenAnotherTookItOver() {
        leases.claim(ONE, List.of(ACME), NOW, NOW.plus(LEASE));

        assertThat(leases.renew(ONE, ACME, NOW.plusSeconds(100).plus(LEASE))).isTrue();
        assertThat(leases.claim(TWO, List.of(ACME), NOW.plusSeconds(150), NOW.plusSeconds(150).plus(LEASE))).isEmpty();
        assertThat(leases.claim(TWO, List.of(ACME), NOW.plusSeconds(221), NOW.plusSeconds(221).plus(LEASE))).containsExactly(ACME);
        assertThat(leases.renew(ONE, ACME, NOW.plusSeconds(222).plus(LEASE))).as("node one stalled past its lease").isFalse();
    }

    @Test
    void aRestartingNodeFindsItsOwnLanesAtOnce() {
        leases.claim(ONE, List.of(ACME), NOW, NOW.plus(LEASE));

        assertThat(leases.claim(ONE, List.of(ACME), NOW.plusSeconds(5), NOW.plusSeconds(5).plus(LEASE))).containsExactly(ACME);
    }

    @Test
    void aReleasedLaneIsFreeForAnotherNodeAtOnce() {
        leases.claim(ONE, List.of(ACME), NOW, NOW.plus(LEASE));

        leases.release(ONE, ACME, NOW.plusSeconds(1));

        assertThat(leases.claim(TWO, List.of(ACME), NOW.plusSeconds(1), NOW.plusSeconds(1).plus(LEASE))).containsExactly(ACME);
    }

    @Test
    void aCleanStopReleasesEveryLaneOfTheNodeAndNoOtherNodes() {
        LaneId other = new LaneId(CompanyId.of("globex"), "xero");
        leases.claim(ONE, List.of(ACME), NOW, NOW.plus(LEASE));
        leases.claim(TWO, List.of(other), NOW, NOW.plus(LEASE));

        assertThat(leases.releaseAll(ONE, NOW.plusSeconds(1))).isEqualTo(1);

        assertThat(leases.live(NOW.plusSeconds(1))).extracting(LaneLeases.Lease::lane).containsExactly(other);
    }

    @Test
    void theLiveNodesAreThoseWhoseHeartbeatHasNotEndedAndACleanStopLeavesAtOnce() {
        assertThat(leases.heartbeat(ONE, NOW, NOW.plus(LEASE))).isEqualTo(1);
        assertThat(leases.heartbeat(TWO, NOW, NOW.plus(LEASE))).isEqualTo(2);
        assertThat(leases.heartbeat(TWO, NOW.plusSeconds(121), NOW.plusSeconds(121).plus(LEASE))).as("node one went quiet").isEqualTo(1);

        leases.heartbeat(ONE, NOW.plusSeconds(122), NOW.plusSeconds(122).plus(LEASE));
        leases.releaseAll(ONE, NOW.plusSeconds(123));

        assertThat(leases.heartbeat(TWO, NOW.plusSeconds(123), NOW.plusSeconds(123).plus(LEASE))).isEqualTo(1);
    }

    @Test
    void aNodeHoldsAtMostItsShareAndHandsTheRestToTheNodeThatJoined() {
        List<LaneId> lanes = IntStream.range(0, 4).mapToObj(n -> new LaneId(CompanyId.of("company-" + n), "xero")).toList();
        assertThat(leases.claim(ONE, lanes, NOW, NOW.plus(LEASE), 4)).hasSize(4);

        Instant later = NOW.plusSeconds(1);
        assertThat(leases.claim(TWO, lanes, later, later.plus(LEASE), 2)).as("all still held by node one").isEmpty();
        Set<LaneId> keptByOne = leases.claim(ONE, lanes, later, later.plus(LEASE), 2);
        Set<LaneId> takenByTwo = leases.claim(TWO, lanes, later, later.plus(LEASE), 2);

        assertThat(keptByOne).hasSize(2);
        assertThat(takenByTwo).hasSize(2).doesNotContainAnyElementsOf(keptByOne);
        assertThat(leases.claim(ONE, lanes, later, later.plus(LEASE), 2)).as("its own come first").isEqualTo(keptByOne);
    }

    @Test
    @Timeout(120)
    void twoNodesClaimingTheSameLanesAtOnceNeverBothHoldOne() throws Exception {
        List<LaneId> lanes = IntStream.range(0, 40).mapToObj(n -> new LaneId(CompanyId.of("company-" + n), "xero")).toList();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                // each round the previous leases have ended: every lane is up for grabs again, by both at the same moment
                Instant at = NOW.plus(LEASE.multipliedBy(round * 2L + 1));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Set<LaneId>>> claims = new ArrayList<>();
                for (NodeId node : List.of(ONE, TWO)) {
                    Callable<Set<LaneId>> claim = () -> {
                        together.await();
                        return leases.claim(node, lanes, at, at.plus(LEASE));
                    };
                    claims.add(nodes.submit(claim));
                }
                Set<LaneId> one = claims.get(0).get(60, TimeUnit.SECONDS);
                Set<LaneId> two = claims.get(1).get(60, TimeUnit.SECONDS);

                Set<LaneId> both = new HashSet<>(one);
                both.retainAll(two);
                assertThat(both).as("round %d: lanes both nodes think they hold", round).isEmpty();
                assertThat(unionOf(one, two)).as("round %d: every lane is served by someone", round)
                        .containsExactlyInAnyOrderElementsOf(lanes);
                Set<LaneId> owners = new HashSet<>();
                for (LaneLeases.Lease lease : leases.live(at)) {
                    owners.add(lease.lane());
                    assertThat(lease.owner().equals(ONE) ? one : two).as("round %d: the table agrees", round).contains(lease.lane());
                }
                assertThat(owners).as("round %d", round).containsExactlyInAnyOrderElementsOf(unionOf(one, two));
            }
        } finally {
            nodes.shutdownNow();
        }
    }

    private static Set<LaneId> unionOf(Set<LaneId> one, Set<LaneId> two) {
        Set<LaneId> union = new HashSet<>(one);
        union.addAll(two);
        return union;
    }
}
