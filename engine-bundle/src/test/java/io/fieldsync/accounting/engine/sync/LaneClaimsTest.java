package io.fieldsync.accounting.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;
import io.fieldsync.accounting.engine.store.Database;
import io.fieldsync.accounting.engine.store.LaneId;
import io.fieldsync.accounting.engine.store.LaneLeases;
import io.fieldsync.accounting.engine.store.NodeId;
import io.fieldsync.accounting.engine.store.SchemaMigrations;
import io.fieldsync.accounting.engine.time.ManualClock;

/** Two nodes' claims on one journal's lanes, as their dispatchers make them at each pass. */
class LaneClaimsTest {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final LaneId ACME = new LaneId(CompanyId.of("acme"), "xero");
    private static final LaneId GLOBEX = new LaneId(CompanyId.of("globex"), "xero");
    private static final LaneId INITECH = new LaneId(CompanyId.of("initech"), "quickbooks");
    private static final LaneId UMBRELLA = new LaneId(CompanyId.of("umbrella"), "xero");

    @AutoClose
    FreshDatabase database = TestDatabase.H2.fresh();

    private final ManualClock clock = new ManualClock(TestEngine.START);
    private LaneLeases leases;
    private LaneClaims one;
    private LaneClaims two;

    @BeforeEach
    void twoNodesOnOneJournal() {
        Database db = new Database(database.dataSource());
        new SchemaMigrations(db, clock).migrate();
        leases = new LaneLeases(db);
        one = new LaneClaims(leases, new NodeId("node-1"), clock, LEASE);
        two = new LaneClaims(leases, new NodeId("node-2"), clock, LEASE);
    }

    @Test
    void aLaneWithDueWorkIsClaimedByOneNodeOnlyUntilItsLeaseEnds() {
        assertThat(one.claim(List.of(ACME), Set.of(), clock.instant())).containsExactly(ACME);

        clock.advance(LEASE.minusSeconds(1));
        assertThat(two.claim(List.of(ACME), Set.of(), clock.instant())).as("node one's lease still runs").isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(two.claim(List.of(ACME), Set.of(), clock.instant())).as("node one died: its lease ended").containsExactly(ACME);
    }

    @Test
    void aLaneInATurnKeepsItsLeaseThoughNothingInItIsDue() {
        one.claim(List.of(ACME), Set.of(), clock.instant());
        clock.advance(LEASE.minusSeconds(10));

        assertThat(one.claim(List.of(), Set.of(ACME), clock.instant())).containsExactly(ACME);

        clock.advance(Duration.ofSeconds(20));
        assertThat(two.claim(List.of(ACME), Set.of(), clock.instant())).as("the claim renewed the lease of the lane in a turn")
                .isEmpty();
    }

    @Test
    void aLaneThatRanDryIsGivenBackAtTheNextClaimForAnotherNodeToTakeAtOnce() {
        one.claim(List.of(ACME, GLOBEX), Set.of(), clock.instant());
        clock.advance(Duration.ofSeconds(1));

        assertThat(one.claim(List.of(GLOBEX), Set.of(), clock.instant())).containsExactly(GLOBEX);

        assertThat(two.claim(List.of(ACME, GLOBEX), Set.of(), clock.instant())).containsExactly(ACME);
    }

    @Test
    void aNodeWithNothingDueGivesBackEverythingItHeld() {
        one.claim(List.of(ACME, GLOBEX), Set.of(), clock.instant());
        clock.advance(Duration.ofSeconds(1));

        assertThat(one.claim(List.of(), Set.of(), clock.instant())).isEmpty();

        // node one is still alive (its heartbeat outlives its lanes), so node two takes one lane per claim as its share
        assertThat(two.claim(List.of(ACME), Set.of(), clock.instant())).containsExactly(ACME);
        assertThat(two.claim(List.of(ACME, GLOBEX), Set.of(), clock.instant())).hasSize(1);
        assertThat(leases.live(clock.instant())).extracting(LaneLeases.Lease::owner).containsOnly(new NodeId("node-2"));
    }

    @Test
    void eachLiveNodeTakesAtMostItsShareOfTheLanesWithWork() {
        List<LaneId> due = List.of(ACME, GLOBEX, INITECH, UMBRELLA);
        assertThat(two.claim(List.of(UMBRELLA), Set.of(), clock.instant())).containsExactly(UMBRELLA);

        Set<LaneId> ofOne = one.claim(due, Set.of(), clock.instant());

        assertThat(ofOne).as("two live nodes: half of four lanes each").hasSize(2).doesNotContain(UMBRELLA);
    }

    @Test
    void aTurnRenewsItsLaneSoThatNoOtherNodeTakesItMidCall() {
        one.claim(List.of(ACME), Set.of(), clock.instant());
        clock.advance(LEASE.minusSeconds(10));

        assertThat(one.renew(ACME)).isTrue();

        clock.advance(Duration.ofSeconds(20));
        assertThat(two.claim(List.of(ACME), Set.of(), clock.instant())).isEmpty();
    }

    @Test
    void aTurnWhoseLeaseEndedAndWasTakenOverMustLeaveTheLaneAlone() {
        one.claim(List.of(ACME), Set.of(), clock.instant());
        clock.advance(LEASE.plusSeconds(1));
        two.claim(List.of(ACME), Set.of(), clock.instant());

        assertThat(one.renew(ACME)).isFalse();
    }

    @Test
    void aLongerLeaseConfiguredLiveHoldsTheNextClaimsLonger() {
        one.lease(Duration.ofMinutes(10));
        one.claim(List.of(ACME), Set.of(), clock.instant());

        clock.advance(Duration.ofMinutes(9));

        assertThat(two.claim(List.of(ACME), Set.of(), clock.instant())).isEmpty();
    }

    @Test
    void aCleanStopHandsEveryLaneToTheOtherNodesAtOnce() {
        one.claim(List.of(ACME, GLOBEX), Set.of(), clock.instant());

        one.releaseAll();

        assertThat(two.claim(List.of(ACME, GLOBEX), Set.of(), clock.instant())).containsExactlyInAnyOrder(ACME, GLOBEX);
    }
}
