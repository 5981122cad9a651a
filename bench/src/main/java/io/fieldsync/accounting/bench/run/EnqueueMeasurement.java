package io.fieldsync.accounting.bench.run;

import java.util.ArrayList;
import java.util.List;

import io.fieldsync.accounting.bench.EnqueueBenchmark;

/**
 * {@code invoiceLocked} from 8 callers over the journal as shipped (H2 file) or on a PostgreSQL this JVM starts
 * ({@link EnqueueBenchmark}): unmeasured runs until the JIT is quiet, then the median of the runs.
 */
record EnqueueMeasurement(String database, String description, int callers, int documents, List<EnqueueBenchmark.Run> runs) {

    static EnqueueMeasurement run(String database, int callers, int documents, int runs) throws Exception {
        try (EnqueueBenchmark.Journals journals = EnqueueBenchmark.Journals.named(database)) {
            EnqueueBenchmark.warmUp(journals, callers, documents);
            List<EnqueueBenchmark.Run> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(EnqueueBenchmark.run(journals, callers, documents));
            }
            return new EnqueueMeasurement(database, journals.description(), callers, documents, results);
        }
    }

    double perSecond() {
        return Percentile.median(runs.stream().map(EnqueueBenchmark.Run::perSecond).toList());
    }

    double p99Millis() {
        return Percentile.median(runs.stream().map(EnqueueBenchmark.Run::p99Millis).toList());
    }
}
