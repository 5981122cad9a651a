package io.fieldsync.accounting.sandbox.transport;

import java.util.function.Consumer;

import io.fieldsync.accounting.sandbox.transport.jdk.JdkServer;

/**
 * How a sandbox is reached, once: on the JDK's own HTTP server ({@link #start}: JUnit, the standalone jar) or
 * mounted in a host's HTTP server that hands it each request ({@link #mount}: the servlet inside Karaf). The JDK
 * server is only touched by {@link #start}, so a framework without com.sun.net.httpserver never loads it.
 */
public final class Serving {

    private JdkServer server;
    private volatile String baseUrl;
    private boolean stopped;

    /** Serves {@code handler} on {@code host}:{@code port} (0: any free port). */
    public synchronized void start(String host, int port, int threads, String threadName, Consumer<CallTransport> handler) {
        checkNotServing();
        server = JdkServer.start(host, port, threads, threadName, handler);
        String reachable = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        baseUrl = "http://" + reachable + ":" + server.port();
    }

    /** Records where a host's HTTP server serves the sandbox: {@code externalBaseUrl}, as clients reach it. */
    public synchronized void mount(String externalBaseUrl) {
        checkNotServing();
        String url = externalBaseUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("the base URL must be an http(s) URL: " + externalBaseUrl);
        }
        baseUrl = url;
    }

    /** The sandbox's root URL. */
    public String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("the sandbox is neither started nor mounted");
        }
        return url;
    }

    /** Stops the JDK server if there is one; the sandbox cannot be started or mounted again. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
        stopped = true;
    }

    private void checkNotServing() {
        if (baseUrl != null) {
            throw new IllegalStateException("already serving at " + baseUrl);
        }
        if (stopped) {
            throw new IllegalStateException("a stopped sandbox cannot start again: create a new one");
        }
    }
}
