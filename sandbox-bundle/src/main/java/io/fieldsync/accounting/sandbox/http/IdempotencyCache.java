package io.fieldsync.accounting.sandbox.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A store of first responses for retried requests, shared by the simulators: Xero's {@code Idempotency-Key} and
 * QuickBooks Online's {@code requestid}. The scope ({@code appId} below) is the vendor's: Xero scopes keys per app,
 * QBO per company (realm); a QBO caller passes the same fingerprint for every request, since QBO replays by requestid
 * alone. Xero's rules (developer.xero.com/documentation/guides/idempotent-requests, as quoted in
 * reference/api-facts.md §6): keys are kept 6 minutes from first use, per app; a repeat of the same request returns
 * the first response (errors included), a concurrent repeat waits for the first to finish, the same key with a
 * different request is refused. Time is the sandbox clock's.
 */
public final class IdempotencyCache {

    /** How long a concurrent repeat waits (real time) for the first request before giving up. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final Duration retention;
    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();

    public IdempotencyCache(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    /** What the caller must do with a request that carries a key. */
    public sealed interface Claim permits Fresh, Replay, Conflict {
    }

    /** First use: run the request, then {@link #complete} (or {@link #abandon} if it produced no response). */
    public final class Fresh implements Claim {
        private final String scopedKey;
        private final Entry entry;

        private Fresh(String scopedKey, Entry entry) {
            this.scopedKey = scopedKey;
            this.entry = entry;
        }

        public void complete(ApiResponse response) {
            entry.result.complete(response);
        }

        public void abandon() {
            synchronized (IdempotencyCache.this) {
                entries.remove(scopedKey, entry);
            }
            entry.result.complete(null);
        }
    }

    public record Replay(ApiResponse response) implements Claim {
    }

    public record Conflict() implements Claim {
    }

    public Claim claim(String appId, String key, String requestFingerprint) {
        String scopedKey = appId + "\n" + key;
        Entry existing;
        synchronized (this) {
            purgeExpired();
            existing = entries.get(scopedKey);
            if (existing == null) {
                Entry fresh = new Entry(requestFingerprint, clock.instant());
                entries.put(scopedKey, fresh);
                return new Fresh(scopedKey, fresh);
            }
        }
        if (!existing.fingerprint.equals(requestFingerprint)) {
            return new Conflict();
        }
        ApiResponse first = await(existing);
        if (first == null) {
            // The first attempt ended without a response (it crashed): this one may try again.
            return claim(appId, key, requestFingerprint);
        }
        return new Replay(first);
    }

    private static ApiResponse await(Entry entry) {
        try {
            return entry.result.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first request with this key", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the first request with this key did not finish", e);
        }
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (!now.isBefore(e.firstUse.plus(retention)) && e.result.isDone()) {
                it.remove();
            }
        }
    }

    private static final class Entry {
        final String fingerprint;
        final Instant firstUse;
        final CompletableFuture<ApiResponse> result = new CompletableFuture<>();

        Entry(String fingerprint, Instant firstUse) {
            this.fingerprint = fingerprint;
            this.firstUse = firstUse;
        }
    }
}
