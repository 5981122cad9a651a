package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.bench.chaos.HostCall.LockInvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadBalancerTest {

    private static final List<HostStep> STEPS = List.of(step(0), step(1), step(2), step(3));
    private final List<NodeDoor> doors = new ArrayList<>();

    /** A node's integration: acknowledges every step as revision 1, knows only the documents it was handed. */
    private static final class Node implements HostEntrance {
        final List<Integer> made = new CopyOnWriteArrayList<>();
        boolean failing;

        @Override
        public int make(HostStep step) {
            if (failing) {
                throw new IllegalStateException("the journal's database is unreachable");
            }
            made.add(step.index());
            return 1;
        }

        @Override
        public Optional<SyncStatus> status(HostStep step) {
            return made.contains(step.index()) ? Optional.of(SyncStatus.PENDING) : Optional.empty();
        }
    }

    private static HostStep step(int index) {
        Invoice invoice = new Invoice("JOB-" + index, "N-" + index, new Customer("C-1", "Customer 1", null, null, null),
                LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 22), Currency.getInstance("NZD"), null, AmountType.TAX_EXCLUSIVE,
                List.of(InvoiceLine.of("work", BigDecimal.ONE, new BigDecimal("10.00"), "Labour", List.of("GST"))), null);
        return new HostStep(index, 0, new LockInvoice(invoice), false);
    }

    private URI open(Node node) throws IOException {
        int port = freePort();
        doors.add(NodeDoor.open(port, STEPS, node, null));
        return LoadBalancer.node(port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterEach
    void closeDoors() {
        doors.forEach(NodeDoor::close);
    }

    @Test
    void theHostsCallsAreSpreadOverTheNodesInTurn() throws IOException {
        Node first = new Node();
        Node second = new Node();
        LoadBalancer balancer = new LoadBalancer(List.of(open(first), open(second)), Clock.systemUTC());

        STEPS.forEach(step -> assertThat(balancer.make(step)).isEqualTo(1));

        assertThat(first.made).containsExactly(0, 2);
        assertThat(second.made).containsExactly(1, 3);
    }

    @Test
    void aCallToAKilledNodeFailsForTheHostToMakeAgainAndTheNodeIsLeftOutMeanwhile() throws IOException {
        Node alive = new Node();
        LoadBalancer balancer = new LoadBalancer(List.of(LoadBalancer.node(freePort()), open(alive)), Clock.systemUTC());

        assertThatThrownBy(() -> balancer.make(STEPS.get(0))).isInstanceOf(UncheckedIOException.class).hasMessageContaining("node 1");
        balancer.make(STEPS.get(0));
        balancer.make(STEPS.get(1));
        balancer.make(STEPS.get(2));

        assertThat(alive.made).containsExactly(0, 1, 2);
    }

    @Test
    void aNodeWhoseCallThrewAnswersWithAFailureNotAnAcknowledgement() throws IOException {
        Node failing = new Node();
        failing.failing = true;
        LoadBalancer balancer = new LoadBalancer(List.of(open(failing)), Clock.systemUTC());

        assertThatThrownBy(() -> balancer.make(STEPS.get(0))).hasMessageContaining("503").hasMessageContaining("unreachable");
    }

    @Test
    void aStatusIsAskedOfTheNextNodeThatAnswersAndUnknownIsEmpty() throws IOException {
        Node alive = new Node();
        LoadBalancer balancer = new LoadBalancer(List.of(LoadBalancer.node(freePort()), open(alive)), Clock.systemUTC());
        alive.make(STEPS.get(2));

        assertThat(balancer.status(STEPS.get(2))).contains(SyncStatus.PENDING);
        assertThat(balancer.status(STEPS.get(3))).isEmpty();
        assertThat(balancer.admin("check", Duration.ofSeconds(5))).isFalse();
    }
}
