package io.fieldsync.accounting.sandbox.xero;

import com.sun.net.httpserver.HttpServer;
import io.fieldsync.accounting.sandbox.xero.webhooks.WebhookSignature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook endpoint for tests: either a correct one (checks x-xero-signature in constant time, 200 with no body or
 * 401) or a careless one that answers 200 to everything.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String body, String signature, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver(String key, boolean checksSignatures) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/xero", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            boolean valid = signature != null && MessageDigest.isEqual(
                    signature.getBytes(StandardCharsets.US_ASCII),
                    WebhookSignature.sign(key, body).getBytes(StandardCharsets.US_ASCII));
            int status = !checksSignatures || valid ? 200 : 401;
            received.add(new Received(new String(body, StandardCharsets.UTF_8), signature, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public static WebhookReceiver checkingSignaturesWith(String key) {
        return new WebhookReceiver(key, true);
    }

    public static WebhookReceiver acceptingEverything() {
        return new WebhookReceiver("irrelevant", false);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/xero");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
