package io.fieldsync.accounting.quickbooks;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitObservation;
import io.fieldsync.accounting.api.spi.RateLimitedException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.internal.RuntimeDelegateImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every company API request goes through here: bearer token, one token refresh on 401, 429 as
 * {@link RateLimitedException}, refusals of the connection as CONNECTION_EXPIRED, and one sync-log record per
 * exchange with Intuit's {@code intuit_tid} (what its support asks for).
 *
 * <p>Jersey is built and called with its own class loader as the thread's context class loader: jakarta.ws.rs-api
 * finds its implementation only through that loader, and inside OSGi the calling thread's loader does not see
 * Jersey (the same arrangement as the Xero provider).
 */
final class QuickBooksHttp implements AutoCloseable {

    static final String PROVIDER = "quickbooks";
    private static final Logger LOG = LoggerFactory.getLogger(QuickBooksHttp.class);
    /**
     * QBO's 429 carries no Retry-After (api-facts §5). Its limits are per minute (500 calls, 40 batches) or
     * concurrent (10) and the answer does not say which, so the wait covers the longer: the minute.
     */
    static final Duration THROTTLE_BACKOFF = Duration.ofSeconds(60);

    private final Client client;
    private final Clock clock;

    QuickBooksHttp(Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.clock = clock;
        this.client = withJerseyLoader(() -> new JerseyClientBuilder()
                .property(ClientProperties.CONNECT_TIMEOUT, (int) connectTimeout.toMillis())
                .property(ClientProperties.READ_TIMEOUT, (int) readTimeout.toMillis())
                .build());
    }

    /** The Jersey client, for the OAuth calls that need no session. */
    Client client() {
        return client;
    }

    /** Sends a company API request for {@code session}'s realm. */
    QboReply send(ProviderSession session, QboCall call) {
        String token = session.accessToken();
        Exchange first = exchange(session, call, token);
        if (first.status() != 401) {
            return handle(session, call, first);
        }
        // QBO access tokens last an hour; a 401 (3200) means refresh once and try again
        token = session.refreshedAccessToken(token);
        Exchange second = exchange(session, call, token);
        if (second.status() == 401) {
            throw new AccountingException(QboFaults.connectionLost("3200", words(second.body())));
        }
        return handle(session, call, second);
    }

    /** Runs {@code work} with Jersey's class loader as the context class loader. */
    static <T> T withJerseyLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RuntimeDelegateImpl.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private record Exchange(int status, String body, String retryAfter, String intuitTid) {
    }

    private QboReply handle(ProviderSession session, QboCall call, Exchange exchange) {
        int status = exchange.status();
        if (status == 429) {
            Duration wait = seconds(exchange.retryAfter());
            // the minute is the longer of the two limits QBO may mean: its window is reported spent until the wait ends
            session.observe(RateLimitObservation.limited(RateLimit.MINUTE, wait, clock.instant()));
            throw new RateLimitedException(RateLimit.MINUTE, wait);
        }
        if (status == 403) {
            // 3100 ApplicationAuthorizationFailed: the app was disconnected from the company, or the realm is unknown
            throw new AccountingException(QboFaults.connectionLost("3100", words(exchange.body())));
        }
        if (status >= 500) {
            if (call.write()) {
                throw new OutcomeUnknownException("QuickBooks answered " + status + " to " + call.operation(), null);
            }
            throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "QuickBooks Online")
                    .withDetail(status + " " + summary(exchange.body())));
        }
        return new QboReply(status, exchange.body(), exchange.intuitTid());
    }

    private Exchange exchange(ProviderSession session, QboCall call, String token) {
        Instant start = clock.instant();
        try {
            Exchange exchange = withJerseyLoader(() -> {
                Invocation.Builder request = client.target(call.uri()).request(MediaType.APPLICATION_JSON_TYPE)
                        .header("Authorization", "Bearer " + token);
                try (Response response = call.body() == null ? request.method(call.method())
                        : request.method(call.method(), Entity.entity(call.body(), MediaType.APPLICATION_JSON_TYPE))) {
                    String body = response.hasEntity() ? response.readEntity(String.class) : "";
                    return new Exchange(response.getStatus(), body, response.getHeaderString("Retry-After"),
                            response.getHeaderString("intuit_tid"));
                }
            });
            String error = exchange.status() >= 400 ? summary(words(exchange.body())) : null;
            SyncLogEntry entry = new SyncLogEntry(session.company(), call.document(), PROVIDER, call.operation(), exchange.status(),
                    error == null || exchange.intuitTid() == null ? error : error + " [intuit_tid " + exchange.intuitTid() + "]",
                    Duration.between(start, clock.instant()), start);
            if (call.batchItems() > 0 && exchange.status() != 429) {
                // QBO meters each item of an admitted batch as a call, and the request against its 40 batches a minute
                session.recordBatch(entry, call.batchItems());
            } else {
                session.record(entry);
            }
            return exchange;
        } catch (ProcessingException failed) {
            session.record(new SyncLogEntry(session.company(), call.document(), PROVIDER, call.operation(), 0,
                    failed.getMessage(), Duration.between(start, clock.instant()), start));
            if (!call.write() || neverSent(failed)) {
                throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "QuickBooks Online")
                        .withDetail(failed.getMessage()), failed);
            }
            LOG.warn("{} was sent to QuickBooks but no answer came; its outcome is reconciled before any resend", call.operation());
            throw new OutcomeUnknownException(call.operation() + " was sent but no answer came: " + failed.getMessage(), failed);
        }
    }

    private static boolean neverSent(ProcessingException failed) {
        Throwable cause = failed.getCause();
        return cause instanceof ConnectException || cause instanceof UnknownHostException;
    }

    private static Duration seconds(String header) {
        if (header != null && !header.isBlank()) {
            try {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
            } catch (NumberFormatException notSeconds) {
                // an HTTP date or garbage: fall back to the documented behaviour
            }
        }
        return THROTTLE_BACKOFF;
    }

    /** The fault's words when the body is a fault, else the body. */
    private static String words(String body) {
        try {
            QboFault fault = QboFault.of(QuickBooksApi.JSON.readTree(body == null || body.isBlank() ? "{}" : body));
            return fault == null ? body : fault.words();
        } catch (java.io.IOException notJson) {
            return body;
        }
    }

    /** The vendor's error words for the sync log, short: never a whole body with personal data. */
    private static String summary(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
