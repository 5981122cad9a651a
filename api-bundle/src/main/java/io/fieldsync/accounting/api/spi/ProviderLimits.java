package io.fieldsync.accounting.api.spi;

import java.util.EnumMap;
import java.util.Map;

import io.fieldsync.accounting.api.DocumentKind;

/**
 * The accounting system's limits, which the engine plans its calls by.
 *
 * @param callsPerMinute calls per minute per organisation
 * @param concurrentCalls calls in flight at once per organisation
 * @param callsPerDay calls per day per organisation
 * @param appCallsPerMinute calls per minute across all organisations of the app, or 0 for no such limit
 * @param batchSizes how many documents of each kind fit in one call; a missing kind means 1
 * @param batchRequestsPerMinute batch requests per minute per organisation, or 0 for no such limit (QuickBooks: 40,
 *                               besides every item of a batch counting as a call; see
 *                               {@link ProviderSession#recordBatch})
 */
public record ProviderLimits(int callsPerMinute, int concurrentCalls, int callsPerDay, int appCallsPerMinute,
                             Map<DocumentKind, Integer> batchSizes, int batchRequestsPerMinute) {

    /** Limits without a separate limit on batch requests. */
    public ProviderLimits(int callsPerMinute, int concurrentCalls, int callsPerDay, int appCallsPerMinute,
                          Map<DocumentKind, Integer> batchSizes) {
        this(callsPerMinute, concurrentCalls, callsPerDay, appCallsPerMinute, batchSizes, 0);
    }

    /** Validates the numbers. */
    public ProviderLimits {
        if (callsPerMinute < 1 || concurrentCalls < 1 || callsPerDay < 1 || appCallsPerMinute < 0 || batchRequestsPerMinute < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        batchSizes = batchSizes == null || batchSizes.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(batchSizes));
        batchSizes.values().forEach(size -> {
            if (size < 1) {
                throw new IllegalArgumentException("batch sizes must be positive: " + size);
            }
        });
    }

    /** How many documents of {@code kind} go in one call. */
    public int batchSize(DocumentKind kind) {
        return batchSizes.getOrDefault(kind, 1);
    }
}
