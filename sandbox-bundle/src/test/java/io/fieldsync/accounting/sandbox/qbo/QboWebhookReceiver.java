package io.fieldsync.accounting.sandbox.qbo;

import com.sun.net.httpserver.HttpServer;
import io.fieldsync.accounting.sandbox.qbo.webhooks.IntuitSignature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A CloudEvents webhook endpoint for tests: checks intuit-signature in constant time, answers 200 or 401. */
public final class QboWebhookReceiver implements AutoCloseable {

    public record Received(String body, String contentType, boolean validSignature) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public QboWebhookReceiver(String verifierToken) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/qbo", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String signature = exchange.getRequestHeaders().getFirst(IntuitSignature.HEADER);
            boolean valid = signature != null && MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                    IntuitSignature.sign(verifierToken, body).getBytes(StandardCharsets.US_ASCII));
            received.add(new Received(new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Content-Type"), valid));
            exchange.sendResponseHeaders(valid ? 200 : 401, -1);
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/qbo");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
