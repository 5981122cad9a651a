package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.fieldsync.accounting.api.SyncStatus;

/**
 * A node's front door in a multi-node run: what a load balancer in front of several Karaf nodes reaches, the host
 * application's calls landing on this node's {@code AccountingSync}, and the admin's screen on this node. The host's
 * day is the same on every node (built from the seed), so a call names its step by index:
 * <ul>
 *   <li>{@code POST /host/steps/{i}}: makes step i here; 200 with the acknowledged revision, 503 when the call threw;</li>
 *   <li>{@code GET /host/steps/{i}/status}: its document's status here, 404 when unknown;</li>
 *   <li>{@code POST /admin/prepare}: connect and save the mappings unless done (returns when it is so);</li>
 *   <li>{@code POST /admin/check}: one look at the connection, reconnecting when it is not usable.</li>
 * </ul>
 * It listens on the loopback address only.
 */
final class NodeDoor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeDoor.class);

    private final HttpServer server;
    private final ExecutorService threads;

    private NodeDoor(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static NodeDoor open(int port, List<HostStep> steps, HostEntrance local, AdminDesk admin) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        ExecutorService threads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "chaos-node-door");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/host/steps/", exchange -> answer(exchange, () -> host(exchange, steps, local)));
        server.createContext("/admin/", exchange -> answer(exchange, () -> admin(exchange, admin)));
        server.start();
        return new NodeDoor(server, threads);
    }

    private record Reply(int status, String body) {
    }

    private interface Handler {
        Reply handle() throws InterruptedException;
    }

    private static Reply host(HttpExchange exchange, List<HostStep> steps, HostEntrance local) {
        String[] path = exchange.getRequestURI().getPath().substring("/host/steps/".length()).split("/");
        int index;
        try {
            index = Integer.parseInt(path[0]);
        } catch (NumberFormatException e) {
            return new Reply(404, "no such step");
        }
        if (index < 0 || index >= steps.size()) {
            return new Reply(404, "no such step");
        }
        HostStep step = steps.get(index);
        if (path.length == 2 && path[1].equals("status") && exchange.getRequestMethod().equals("GET")) {
            Optional<SyncStatus> status = local.status(step);
            return status.map(s -> new Reply(200, s.name())).orElse(new Reply(404, "unknown"));
        }
        if (path.length == 1 && exchange.getRequestMethod().equals("POST")) {
            return new Reply(200, Integer.toString(local.make(step)));
        }
        return new Reply(404, "no such resource");
    }

    private static Reply admin(HttpExchange exchange, AdminDesk admin) throws InterruptedException {
        if (!exchange.getRequestMethod().equals("POST")) {
            return new Reply(405, "POST only");
        }
        return switch (exchange.getRequestURI().getPath()) {
            case "/admin/prepare" -> {
                admin.prepare();
                yield new Reply(200, "prepared");
            }
            case "/admin/check" -> {
                admin.checkConnection();
                yield new Reply(200, "checked");
            }
            default -> new Reply(404, "no such resource");
        };
    }

    private static void answer(HttpExchange exchange, Handler handler) throws IOException {
        Reply reply;
        try {
            reply = handler.handle();
        } catch (RuntimeException e) {
            // the host sees what a load balancer passes on: the node's failure, to be made again (on another node)
            LOG.warn("Node door: {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
            reply = new Reply(503, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = new Reply(503, "interrupted");
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
