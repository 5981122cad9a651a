package io.fieldsync.accounting.sandbox.qbo;

/**
 * QuickBooks Online's throttles, per company (realm) and app: 500 requests per minute (every batch item counts as one),
 * 10 requests in flight, 40 batch requests per minute, at most 30 items per batch (reference/api-facts.md §4 and §5:
 * Intuit blogs 2016 "concurrent API use" and 2023 "batch"). Minute windows are fixed and open with the first call,
 * which is the sandbox's assumption: Intuit does not say how its windows move. Tests may lower every number.
 */
public record QboLimits(int perMinute, int concurrent, int batchesPerMinute, int batchItems) {

    public QboLimits {
        if (perMinute < 1 || concurrent < 1 || batchesPerMinute < 1 || batchItems < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static QboLimits real() {
        return new QboLimits(500, 10, 40, 30);
    }

    public QboLimits withPerMinute(int n) {
        return new QboLimits(n, concurrent, batchesPerMinute, batchItems);
    }

    public QboLimits withConcurrent(int n) {
        return new QboLimits(perMinute, n, batchesPerMinute, batchItems);
    }

    public QboLimits withBatchesPerMinute(int n) {
        return new QboLimits(perMinute, concurrent, n, batchItems);
    }
}
