package io.fieldsync.accounting.sandbox.xero.osgi;

import io.fieldsync.accounting.sandbox.xero.control.WebhookPost;
import io.fieldsync.accounting.sandbox.xero.control.WebhookStatus;
import io.fieldsync.accounting.sandbox.xero.control.XeroSandboxControl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the intent-to-receive check until the receiver passes it. Inside Karaf the receiver (the engine's webhook
 * servlet) usually becomes reachable after the sandbox is up, and Xero sends nothing before the check passed; in
 * Xero a developer presses "Send intent to receive" in the portal, here this retries instead. Bounded, so a wrong
 * key does not make the receiver log refusals forever.
 */
final class IntentToReceiveRetry implements AutoCloseable {

    static final Duration FIRST_ATTEMPT = Duration.ofSeconds(2);
    static final Duration INTERVAL = Duration.ofSeconds(15);
    static final int ATTEMPTS = 40;

    private static final System.Logger LOG = System.getLogger(IntentToReceiveRetry.class.getName());

    private final XeroSandboxControl sandbox;
    private final String receiver;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xero-sandbox-intent-to-receive");
        t.setDaemon(true);
        return t;
    });
    private int attempts;

    private IntentToReceiveRetry(XeroSandboxControl sandbox, String receiver) {
        this.sandbox = sandbox;
        this.receiver = receiver;
    }

    /** Starts checking the receiver the sandbox's subscription is configured with. */
    static IntentToReceiveRetry start(XeroSandboxControl sandbox, String receiver) {
        IntentToReceiveRetry retry = new IntentToReceiveRetry(sandbox, receiver);
        retry.timer.scheduleWithFixedDelay(retry::attempt, FIRST_ATTEMPT.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return retry;
    }

    private void attempt() {
        try {
            if (sandbox.webhookStatus() == WebhookStatus.OK) {
                timer.shutdown(); // someone validated it by hand
                return;
            }
            attempts++;
            if (sandbox.validateWebhooks()) {
                LOG.log(System.Logger.Level.INFO, "Xero sandbox webhooks: {0} passed intent to receive; events flow",
                        receiver);
                timer.shutdown();
            } else if (attempts >= ATTEMPTS) {
                LOG.log(System.Logger.Level.WARNING, "Xero sandbox webhooks: {0} failed intent to receive {1} times, "
                        + "giving up (last answers: {2}). Is the receiver installed, and does it use the same "
                        + "signing key? XeroSandboxControl.validateWebhooks() tries again.", receiver, attempts,
                        lastAnswers());
                timer.shutdown();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Xero sandbox webhooks: intent to receive failed", e);
        }
    }

    private String lastAnswers() {
        List<WebhookPost> posts = sandbox.webhookPosts();
        return posts.subList(Math.max(0, posts.size() - 4), posts.size()).stream()
                .map(p -> p.status() < 0 ? p.error() : p.status() + (p.correctlySigned() ? "" : " (wrong key)"))
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
