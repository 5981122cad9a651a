package io.fieldsync.accounting.sandbox.xero.http;

import io.fieldsync.accounting.sandbox.xero.XeroLimits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Xero's call limits with fixed windows (reference/api-facts.md §5): per tenant 5 concurrent, 60/minute and
 * 5,000/day, per app 10,000/minute. A window opens with the first call after the previous one closed, so windows
 * reset at different times per tenant. A refused call consumes nothing. Time is the sandbox clock's.
 */
public final class RateLimiter {

    /** The names Xero puts in {@code X-Rate-Limit-Problem}. */
    public static final String MINUTE = "minute";
    public static final String DAY = "day";
    public static final String APP_MINUTE = "appminute";
    public static final String CONCURRENT = "concurrent";

    private final XeroLimits limits;
    private final Clock clock;
    private final Map<String, Window> appMinute = new HashMap<>();
    private final Map<String, TenantState> tenants = new HashMap<>();

    public RateLimiter(XeroLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** The outcome of asking to make one call; a granted admission must be {@link #release() released}. */
    public final class Admission {
        private final String tenantKey;
        private final String problem;
        private final long retryAfterSeconds;
        private final Map<String, String> headers;
        private boolean released;

        private Admission(String tenantKey, String problem, long retryAfterSeconds, Map<String, String> headers) {
            this.tenantKey = tenantKey;
            this.problem = problem;
            this.retryAfterSeconds = retryAfterSeconds;
            this.headers = headers;
        }

        public boolean granted() {
            return problem == null;
        }

        /** {@code minute}, {@code day}, {@code appminute} or {@code concurrent}; null when granted. */
        public String problem() {
            return problem;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        /** {@code X-MinLimit-Remaining}, {@code X-DayLimit-Remaining}, {@code X-AppMinLimit-Remaining}. */
        public Map<String, String> headers() {
            return headers;
        }

        public void release() {
            if (granted()) {
                synchronized (RateLimiter.this) {
                    if (!released) {
                        released = true;
                        tenants.get(tenantKey).inFlight--;
                    }
                }
            }
        }
    }

    public synchronized Admission admit(String appId, String tenantId) {
        Instant now = clock.instant();
        Window app = appMinute.computeIfAbsent(appId, k -> new Window(Duration.ofMinutes(1)));
        String tenantKey = appId + "/" + tenantId;
        TenantState tenant = tenants.computeIfAbsent(tenantKey, k -> new TenantState());
        app.roll(now);
        tenant.minute.roll(now);
        tenant.day.roll(now);

        String problem = null;
        long retryAfter = 0;
        if (tenant.inFlight >= limits.tenantConcurrent()) {
            problem = CONCURRENT;
            retryAfter = 1;
        } else if (app.count >= limits.appPerMinute()) {
            problem = APP_MINUTE;
            retryAfter = app.secondsLeft(now);
        } else if (tenant.day.count >= limits.tenantPerDay()) {
            problem = DAY;
            retryAfter = tenant.day.secondsLeft(now);
        } else if (tenant.minute.count >= limits.tenantPerMinute()) {
            problem = MINUTE;
            retryAfter = tenant.minute.secondsLeft(now);
        } else {
            app.take(now);
            tenant.minute.take(now);
            tenant.day.take(now);
            tenant.inFlight++;
        }
        return new Admission(tenantKey, problem, retryAfter, headers(app, tenant));
    }

    /** The remaining-calls headers as they stand, without taking a call (for refusals made elsewhere). */
    public synchronized Map<String, String> remaining(String appId, String tenantId) {
        Instant now = clock.instant();
        Window app = appMinute.computeIfAbsent(appId, k -> new Window(Duration.ofMinutes(1)));
        TenantState tenant = tenants.computeIfAbsent(appId + "/" + tenantId, k -> new TenantState());
        app.roll(now);
        tenant.minute.roll(now);
        tenant.day.roll(now);
        return headers(app, tenant);
    }

    private Map<String, String> headers(Window app, TenantState tenant) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-DayLimit-Remaining", String.valueOf(limits.tenantPerDay() - tenant.day.count));
        headers.put("X-MinLimit-Remaining", String.valueOf(limits.tenantPerMinute() - tenant.minute.count));
        headers.put("X-AppMinLimit-Remaining", String.valueOf(limits.appPerMinute() - app.count));
        return Map.copyOf(headers);
    }

    /** Calls of this tenant currently being served (for tests that provoke the concurrency limit). */
    public synchronized int inFlight(String appId, String tenantId) {
        TenantState t = tenants.get(appId + "/" + tenantId);
        return t == null ? 0 : t.inFlight;
    }

    /** The app-wide remaining count, for responses that belong to no tenant (401, 403). */
    public synchronized Map<String, String> appHeaders(String appId) {
        Window app = appMinute.computeIfAbsent(appId, k -> new Window(Duration.ofMinutes(1)));
        app.roll(clock.instant());
        return Map.of("X-AppMinLimit-Remaining", String.valueOf(limits.appPerMinute() - app.count));
    }

    private static final class TenantState {
        final Window minute = new Window(Duration.ofMinutes(1));
        final Window day = new Window(Duration.ofDays(1));
        int inFlight;
    }

    private static final class Window {
        final Duration length;
        Instant start;
        int count;

        Window(Duration length) {
            this.length = length;
        }

        void roll(Instant now) {
            if (start != null && !now.isBefore(start.plus(length))) {
                start = null;
                count = 0;
            }
        }

        void take(Instant now) {
            if (start == null) {
                start = now;
            }
            count++;
        }

        long secondsLeft(Instant now) {
            if (start == null) {
                return 1;
            }
            Duration left = Duration.between(now, start.plus(length));
            long seconds = left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }
}
