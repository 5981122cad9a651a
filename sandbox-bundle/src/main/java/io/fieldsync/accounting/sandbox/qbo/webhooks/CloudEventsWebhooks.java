package io.fieldsync.accounting.sandbox.qbo.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.qbo.control.QboWebhookPost;
import io.fieldsync.accounting.sandbox.qbo.ledger.ChangeListener;
import io.fieldsync.accounting.sandbox.qbo.ledger.CompanyChange;
import io.fieldsync.accounting.sandbox.qbo.wire.QboTime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The app's webhook subscription in Intuit's CloudEvents format, mandatory since 2026 (reference/api-facts.md §7.2):
 * a JSON array of events ({@code qbo.<entity>.<created|updated|deleted|voided>.v1}, thin: ids only), POSTed as
 * {@code application/cloudevents+json} and signed with {@code intuit-signature}. Delivery is asynchronous: the
 * first change opens a short window in which further changes gather (a burst becomes one delivery), and a delivery
 * carries at most 100 events. Receivers must answer within 3 s; failures are recorded, not retried [Intuit retries
 * for days; not simulated].
 */
public final class CloudEventsWebhooks implements ChangeListener, AutoCloseable {

    static final int MAX_EVENTS = 100;
    /** The entities whose changes are reported (the agreement's set; QBO offers more). */
    static final Set<String> REPORTED = Set.of("Invoice", "Payment", "CreditMemo", "Customer");
    private static final Duration RECEIVER_TIMEOUT = Duration.ofSeconds(3);

    private final Clock clock;
    private final Duration coalescing;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(RECEIVER_TIMEOUT).build();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qbo-sandbox-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final LinkedBlockingQueue<CompanyChange> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<QboWebhookPost> posts = new CopyOnWriteArrayList<>();
    private volatile URI receiver;
    private volatile String verifierToken;

    public CloudEventsWebhooks(Clock clock, Duration coalescing) {
        this.clock = clock;
        this.coalescing = coalescing;
    }

    /** Points the subscription at {@code url}; events flow at once (QBO has no intent-to-receive check). */
    public boolean configure(URI url, String token) {
        String scheme = url == null ? null : url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || token == null || token.isEmpty()) {
            return false;
        }
        this.verifierToken = token;
        this.receiver = url;
        return true;
    }

    public boolean configured() {
        return receiver != null;
    }

    @Override
    public void changed(CompanyChange change) {
        if (receiver == null || !REPORTED.contains(change.entity())) {
            return;
        }
        queue.add(change);
        if (scheduled.compareAndSet(false, true)) {
            sender.schedule(this::sendQueued, coalescing.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public List<QboWebhookPost> posts() {
        return List.copyOf(posts);
    }

    /** Waits (real time) until at least {@code count} deliveries were made. */
    public boolean awaitPosts(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (posts.size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void sendQueued() {
        scheduled.set(false);
        List<CompanyChange> burst = new ArrayList<>();
        queue.drainTo(burst);
        for (int from = 0; from < burst.size(); from += MAX_EVENTS) {
            post(burst.subList(from, Math.min(burst.size(), from + MAX_EVENTS)));
        }
    }

    private void post(List<CompanyChange> changes) {
        ArrayNode events = SandboxJson.array();
        for (CompanyChange c : changes) {
            ObjectNode e = events.addObject();
            e.put("specversion", "1.0");
            e.put("id", UUID.randomUUID().toString());
            e.put("source", "intuit.sandbox");
            e.put("type", c.eventType());
            e.put("datacontenttype", "application/json");
            e.put("time", QboTime.response(c.at()));
            e.put("intuitentityid", c.id());
            e.put("intuitaccountid", c.realmId());
            e.putObject("data");
        }
        byte[] body = SandboxJson.bytes(events);
        String signature = IntuitSignature.sign(verifierToken, body);
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            HttpRequest request = HttpRequest.newBuilder(receiver)
                    .timeout(RECEIVER_TIMEOUT)
                    .header("Content-Type", "application/cloudevents+json")
                    .header(IntuitSignature.HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            posts.add(new QboWebhookPost(clock.instant(), changes.size(), response.statusCode(), null, signature, text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            posts.add(new QboWebhookPost(clock.instant(), changes.size(), -1, "interrupted", signature, text));
        } catch (Exception e) {
            posts.add(new QboWebhookPost(clock.instant(), changes.size(), -1, e.toString(), signature, text));
        }
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
