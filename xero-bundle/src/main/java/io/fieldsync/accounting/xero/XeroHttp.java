package io.fieldsync.accounting.xero;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
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

/**
 * Every Accounting API request goes through here: bearer token and tenant header, idempotency key
 * on writes, one token refresh on 401, Xero's limit headers reported to the engine, 429 as
 * {@link RateLimitedException}, and one sync-log record per exchange.
 *
 * <p>Jersey is built and called with its own class loader as the thread's context class loader:
 * jakarta.ws.rs-api finds its implementation only through that loader, and inside OSGi the calling
 * thread's loader (shell, DS, dispatcher) does not see Jersey. This keeps the host's
 * {@code etc/system.properties} untouched.
 */
final class XeroHttp implements AutoCloseable {

    static final String PROVIDER = "xero";
    /** Xero's contract declares If-Modified-Since as an ISO 8601 date-time (not RFC 1123), in UTC. */
    private static final DateTimeFormatter MODIFIED_SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private final Client client;
    private final Clock clock;

    XeroHttp(Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.clock = clock;
        this.client = withJerseyLoader(() -> new JerseyClientBuilder()
                .property(ClientProperties.CONNECT_TIMEOUT, (int) connectTimeout.toMillis())
                .property(ClientProperties.READ_TIMEOUT, (int) readTimeout.toMillis())
                .build());
    }

    /** The Jersey client, for the identity calls that need no session. */
    Client client() {
        return client;
    }

    /** Sends an Accounting API request for {@code session}'s organisation. */
    XeroReply send(ProviderSession session, XeroCall call) {
        String token = session.accessToken();
        Exchange first = exchange(session, call, token);
        if (first.status() != 401) {
            return handle(session, call, first);
        }
        // Xero access tokens last 30 minutes; a 401 means refresh once and try again
        token = session.refreshedAccessToken(token);
        Exchange second = exchange(session, call, token);
        if (second.status() == 401) {
            throw new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero").withDetail(second.body()));
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

    private record Exchange(int status, String body, String retryAfter, RateLimitObservation limits) {
    }

    private XeroReply handle(ProviderSession session, XeroCall call, Exchange exchange) {
        int status = exchange.status();
        if (status == 429) {
            Duration wait = exchange.limits().retryAfter() != null ? exchange.limits().retryAfter() : DEFAULT_RETRY_AFTER;
            RateLimit problem = Optional.ofNullable(exchange.limits().problem()).orElse(RateLimit.MINUTE);
            throw new RateLimitedException(problem, wait);
        }
        if (status == 403) {
            // AuthenticationUnsuccessful: the organisation disconnected the app, or a scope is missing
            throw new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero").withDetail(exchange.body()));
        }
        if (status == 503) {
            throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero").withDetail(exchange.body()));
        }
        if (status >= 500) {
            if (call.isWrite()) {
                throw new OutcomeUnknownException("Xero answered " + status + " to " + call.operation(), null);
            }
            throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero").withDetail(status + " " + exchange.body()));
        }
        return new XeroReply(status, exchange.body());
    }

    private Exchange exchange(ProviderSession session, XeroCall call, String token) {
        Instant start = clock.instant();
        try {
            Exchange exchange = withJerseyLoader(() -> {
                Invocation.Builder request = client.target(call.uri()).request(MediaType.APPLICATION_JSON_TYPE)
                        .header("Authorization", "Bearer " + token)
                        .header("xero-tenant-id", session.tenantId());
                if (call.key() != null) {
                    request.header("Idempotency-Key", call.key().value());
                }
                if (call.ifModifiedSince() != null) {
                    request.header("If-Modified-Since", MODIFIED_SINCE.format(call.ifModifiedSince()));
                }
                try (Response response = call.body() == null ? request.method(call.method())
                        : request.method(call.method(), Entity.entity(call.body(), MediaType.APPLICATION_JSON_TYPE))) {
                    String body = response.hasEntity() ? response.readEntity(String.class) : "";
                    return new Exchange(response.getStatus(), body, response.getHeaderString("Retry-After"),
                            XeroLimitHeaders.read(response::getHeaderString, clock.instant()));
                }
            });
            session.observe(exchange.limits());
            session.record(new SyncLogEntry(session.company(), call.document(), PROVIDER, call.operation(), exchange.status(),
                    exchange.status() >= 400 ? summary(exchange.body()) : null, Duration.between(start, clock.instant()), start));
            return exchange;
        } catch (ProcessingException failed) {
            session.record(new SyncLogEntry(session.company(), call.document(), PROVIDER, call.operation(), 0,
                    failed.getMessage(), Duration.between(start, clock.instant()), start));
            if (!call.isWrite() || neverSent(failed)) {
                throw new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero").withDetail(failed.getMessage()), failed);
            }
            throw new OutcomeUnknownException(call.operation() + " was sent but no answer came: " + failed.getMessage(), failed);
        }
    }

    private static boolean neverSent(ProcessingException failed) {
        Throwable cause = failed.getCause();
        return cause instanceof ConnectException || cause instanceof UnknownHostException;
    }

    /** The vendor's error words for the sync log, short: never a whole body with personal data. */
    private static String summary(String body) {
        if (body == null) {
            return null;
        }
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
