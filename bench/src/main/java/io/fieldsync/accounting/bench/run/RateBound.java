package io.fieldsync.accounting.bench.run;

import java.time.Duration;

/**
 * The fastest drain a vendor's per-minute limits allow for the calls a run made, and how close the run came:
 * {@code rate_bound_ratio = (documents ÷ measured drain) ÷ (documents ÷ fastest drain) = fastest ÷ measured}.
 *
 * <p>A limit of L per minute lets L calls through at once and the next L only when the window closes a minute later.
 * Xero's windows are fixed (api-facts §5); the sandboxes open a window with the first call after the previous one
 * closed (sandbox {@code xero.http.RateLimiter}, {@code qbo.QboLimits}), so a run that starts on a fresh window needs
 * at least {@code floor((U − 1) ÷ L)} full minutes for U units: the last partial allowance costs no wait. A plan that
 * fits in one allowance is not limit-bound and has no bound ({@link #limitBound()} false).
 *
 * @param fastest the fastest drain the limits allow
 * @param binding which limit sets it, for the report
 */
public record RateBound(Duration fastest, String binding) {

    /** Xero: 60 calls a minute per organisation (developer.xero.com/documentation/guides/oauth2/limits). */
    public static RateBound xero(int calls) {
        return new RateBound(minutes(calls, 60), "60 calls/min: floor((%d calls - 1) / 60) minutes".formatted(calls));
    }

    /**
     * QuickBooks Online: 500 requests a minute per company with every batch item counted, and 40 batch requests a
     * minute (api-facts §5); the slower of the two binds.
     */
    public static RateBound quickBooks(int batchItems, int batches) {
        Duration byItems = minutes(batchItems, 500);
        Duration byBatches = minutes(batches, 40);
        return byItems.compareTo(byBatches) >= 0
                ? new RateBound(byItems, "500 requests/min, batch items counted: floor((%d items - 1) / 500) minutes".formatted(batchItems))
                : new RateBound(byBatches, "40 batches/min: floor((%d batches - 1) / 40) minutes".formatted(batches));
    }

    public boolean limitBound() {
        return !fastest.isZero();
    }

    /** fastest ÷ measured; NaN when the plan was not limit-bound. */
    public double ratio(Duration measured) {
        if (!limitBound() || measured.isZero() || measured.isNegative()) {
            return Double.NaN;
        }
        return (double) fastest.toMillis() / measured.toMillis();
    }

    private static Duration minutes(int units, int perMinute) {
        return units <= 0 ? Duration.ZERO : Duration.ofMinutes((units - 1) / perMinute);
    }
}
