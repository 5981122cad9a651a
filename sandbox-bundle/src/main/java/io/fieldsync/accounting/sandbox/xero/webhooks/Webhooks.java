package io.fieldsync.accounting.sandbox.xero.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.ledger.LedgerChange;
import io.fieldsync.accounting.sandbox.xero.ledger.LedgerListener;
import io.fieldsync.accounting.sandbox.xero.wire.XeroDates;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The app's webhook subscription (reference/api-facts.md §7.1). Configure a URL and signing key, pass the
 * intent-to-receive check ({@link #validateEndpoint()}), and from then on every CONTACT, INVOICE and CREDITNOTE
 * change is POSTed, signed, with the thin event shape of the spec (IDs only; credit notes add Type and Status).
 * Changes that arrive together are sent in one payload. Receivers must answer within 5 seconds. Failed deliveries
 * are recorded, not retried (Xero retries for 24 hours; not simulated yet).
 */
public final class Webhooks implements LedgerListener, AutoCloseable {

    /** Subscription states as Xero's developer portal shows them. */
    public enum Status { NOT_CONFIGURED, PENDING_VALIDATION, OK, FAILED_VALIDATION }

    private static final Duration RECEIVER_TIMEOUT = Duration.ofSeconds(5);
    private static final char[] ENTROPY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private final Clock clock;
    private final Supplier<String> apiUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(RECEIVER_TIMEOUT).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xero-sandbox-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final LinkedBlockingQueue<LedgerChange> queue = new LinkedBlockingQueue<>();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private volatile URI url;
    private volatile String signingKey;
    private volatile Status status = Status.NOT_CONFIGURED;
    private int sequence;

    public Webhooks(Clock clock, Supplier<String> apiUrl) {
        this.clock = clock;
        this.apiUrl = apiUrl;
    }

    /** Points the subscription at a receiver; events flow only after {@link #validateEndpoint()} passed. */
    public synchronized Webhooks configure(URI receiver, String key) {
        this.url = receiver;
        this.signingKey = key;
        this.status = Status.PENDING_VALIDATION;
        return this;
    }

    public Status status() {
        return status;
    }

    public String signingKey() {
        return signingKey;
    }

    /**
     * Xero's "Intent to receive": four empty payloads (sequences 0), two signed with the key and two with another
     * key, in a mixed order. Passing turns the subscription on.
     */
    public IntentToReceiveReport validateEndpoint() {
        if (url == null) {
            throw new IllegalStateException("configure(url, key) first");
        }
        List<WebhookDelivery> attempts = new ArrayList<>();
        for (boolean correct : new boolean[] {true, false, false, true}) {
            ObjectNode payload = SandboxJson.object();
            payload.putArray("events");
            payload.put("lastEventSequence", 0);
            payload.put("firstEventSequence", 0);
            payload.put("entropy", entropy());
            String key = correct ? signingKey : signingKey + "-not-the-key-" + entropy();
            attempts.add(post(SandboxJson.bytes(payload), key, true, correct));
        }
        boolean passed = attempts.stream().allMatch(WebhookDelivery::answeredAsXeroExpects);
        status = passed ? Status.OK : Status.FAILED_VALIDATION;
        return new IntentToReceiveReport(passed, List.copyOf(attempts));
    }

    @Override
    public void changed(LedgerChange change) {
        if (status != Status.OK) {
            return;
        }
        queue.add(change);
        sender.execute(this::sendQueued);
    }

    /** Every POST made so far, intent-to-receive checks included. */
    public List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Waits (real time) until at least {@code count} event deliveries (not validations) were made. */
    public boolean awaitEventDeliveries(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (deliveries.stream().filter(d -> !d.intentToReceive()).count() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void sendQueued() {
        List<LedgerChange> batch = new ArrayList<>();
        queue.drainTo(batch);
        if (batch.isEmpty() || status != Status.OK) {
            return;
        }
        ObjectNode payload = SandboxJson.object();
        ArrayNode events = payload.putArray("events");
        int first;
        int last;
        synchronized (this) {
            first = sequence + 1;
            sequence += batch.size();
            last = sequence;
        }
        for (LedgerChange c : batch) {
            ObjectNode e = events.addObject();
            e.put("resourceUrl", apiUrl.get() + "/" + c.resource() + "/" + c.resourceId());
            e.put("resourceId", c.resourceId().toString());
            e.put("eventDateUtc", XeroDates.eventTimestamp(c.at()));
            e.put("eventType", c.eventType());
            e.put("eventCategory", c.category());
            e.put("tenantId", c.tenantId().toString());
            e.put("tenantType", "ORGANISATION");
            if (!c.data().isEmpty()) {
                ObjectNode data = e.putObject("data");
                for (Map.Entry<String, String> d : c.data().entrySet()) {
                    data.put(d.getKey(), d.getValue());
                }
            }
        }
        payload.put("lastEventSequence", last);
        payload.put("firstEventSequence", first);
        payload.put("entropy", entropy());
        post(SandboxJson.bytes(payload), signingKey, false, true);
    }

    private WebhookDelivery post(byte[] body, String key, boolean intent, boolean correct) {
        String signature = WebhookSignature.sign(key, body);
        WebhookDelivery delivery;
        try {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(RECEIVER_TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header(WebhookSignature.HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            delivery = new WebhookDelivery(clock.instant(), new String(body, StandardCharsets.UTF_8), signature, intent,
                    correct, response.statusCode(), response.body().length > 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery = failed(body, signature, intent, correct, "interrupted");
        } catch (Exception e) {
            delivery = failed(body, signature, intent, correct, e.toString());
        }
        deliveries.add(delivery);
        return delivery;
    }

    private WebhookDelivery failed(byte[] body, String signature, boolean intent, boolean correct, String error) {
        return new WebhookDelivery(clock.instant(), new String(body, StandardCharsets.UTF_8), signature, intent, correct,
                -1, false, error);
    }

    private String entropy() {
        char[] s = new char[20];
        for (int i = 0; i < s.length; i++) {
            s[i] = ENTROPY[random.nextInt(ENTROPY.length)];
        }
        return new String(s);
    }

    @Override
    public void close() {
        sender.shutdownNow();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
