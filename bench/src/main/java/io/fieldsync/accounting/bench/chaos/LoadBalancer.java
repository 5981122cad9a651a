package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fieldsync.accounting.api.SyncStatus;

/**
 * The load balancer in front of the nodes, as the host's users reach them: each call goes to the next node in turn,
 * a node that did not answer (killed, still starting) is left out for a few seconds, and a call that failed is the
 * host's to make again, which then lands on another node. A call cut off by a kill may have been acknowledged by the
 * node before it died; making it again is the repeat the integration must recognise.
 */
final class LoadBalancer implements HostEntrance {

    private static final Duration LEFT_OUT = Duration.ofSeconds(3);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration NOBODY_ANSWERS = Duration.ofSeconds(1);

    private final List<URI> nodes;
    private final Instant[] leftOutUntil;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Clock clock;
    private int next;

    LoadBalancer(List<URI> nodes, Clock clock) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a load balancer needs a node");
        }
        this.nodes = List.copyOf(nodes);
        this.leftOutUntil = new Instant[nodes.size()];
        java.util.Arrays.fill(leftOutUntil, Instant.EPOCH);
        this.clock = clock;
    }

    /** The base URI of a node's front door on the loopback address. */
    static URI node(int port) {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    public int make(HostStep step) {
        int node = pick();
        HttpResponse<String> response = send(node, HttpRequest.newBuilder(nodes.get(node).resolve("host/steps/" + step.index()))
                .timeout(CALL_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("node " + (node + 1) + " answered " + response.statusCode() + ": " + response.body());
        }
        return Integer.parseInt(response.body().strip());
    }

    /** Asks the nodes in turn until one answers; while none does (all down at once), waits and asks again. */
    @Override
    public Optional<SyncStatus> status(HostStep step) {
        while (true) {
            for (int attempt = 0; attempt < nodes.size(); attempt++) {
                int node = pick();
                try {
                    HttpResponse<String> response = send(node, HttpRequest.newBuilder(nodes.get(node)
                            .resolve("host/steps/" + step.index() + "/status")).timeout(CALL_TIMEOUT).GET().build());
                    if (response.statusCode() == 200) {
                        return Optional.of(SyncStatus.valueOf(response.body().strip()));
                    }
                    if (response.statusCode() == 404) {
                        return Optional.empty();
                    }
                } catch (UncheckedIOException notThere) {
                    // the next node, as a load balancer retries an idempotent read
                }
            }
            pause();
        }
    }

    /** An admin action ({@code prepare}, {@code check}) on the first node that takes it; false when none did. */
    boolean admin(String action, Duration timeout) {
        for (int attempt = 0; attempt < nodes.size(); attempt++) {
            int node = pick();
            try {
                HttpResponse<String> response = send(node, HttpRequest.newBuilder(nodes.get(node).resolve("admin/" + action))
                        .timeout(timeout).POST(HttpRequest.BodyPublishers.noBody()).build());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (UncheckedIOException notThere) {
                // the next node
            }
        }
        return false;
    }

    private synchronized int pick() {
        Instant now = clock.instant();
        List<Integer> up = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int candidate = (next + i) % nodes.size();
            if (!leftOutUntil[candidate].isAfter(now)) {
                up.add(candidate);
            }
        }
        int chosen = up.isEmpty() ? next % nodes.size() : up.get(0);
        next = (chosen + 1) % nodes.size();
        return chosen;
    }

    private synchronized void leaveOut(int node) {
        leftOutUntil[node] = clock.instant().plus(LEFT_OUT);
    }

    private HttpResponse<String> send(int node, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            leaveOut(node);
            throw new UncheckedIOException("node " + (node + 1) + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling node " + (node + 1), e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(NOBODY_ANSWERS.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while no node answered", e);
        }
    }
}
