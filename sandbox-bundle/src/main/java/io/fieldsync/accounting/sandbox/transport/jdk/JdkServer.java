package io.fieldsync.accounting.sandbox.transport.jdk;

import com.sun.net.httpserver.HttpServer;
import io.fieldsync.accounting.sandbox.transport.CallTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A simulator on the JDK's own HTTP server (module jdk.httpserver): how JUnit tests and the standalone jar run it.
 * Together with {@link JdkCallTransport} the only code that touches com.sun.net.httpserver. Inside OSGi (Karaf's
 * system bundle does not export that package) these classes are never loaded: the sandbox is served by
 * {@link io.fieldsync.accounting.sandbox.transport.servlet.SandboxServlet} there.
 */
public final class JdkServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private JdkServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code host:port} (port 0: any free port) and hands every request to {@code handler} on one of
     * {@code threads} daemon threads named {@code threadName-N}.
     */
    public static JdkServer start(String host, int port, int threads, String threadName, Consumer<CallTransport> handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", exchange -> {
            try {
                handler.accept(new JdkCallTransport(exchange));
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
        return new JdkServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening at once and waits up to 5 s for the request threads to end. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
