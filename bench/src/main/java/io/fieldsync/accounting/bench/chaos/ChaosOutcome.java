package io.fieldsync.accounting.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything one provider's run produced, for the report.
 *
 * @param kills      when each kill -9 happened and where the host and the queue were
 * @param crashes    times the engine's process ended without being killed
 * @param starts     how many times the engine's process was started
 * @param injected   the sandbox's count of injected faults, by kind ({@code GET /_sandbox/faults})
 * @param drain      from the last planned event until every document had settled (or the timeout)
 * @param nodes      engine processes sharing the journal in a multi-node run; 0 for the single-node run, whose line
 *                   stays as it was
 */
record ChaosOutcome(ChaosProvider provider, ChaosSettings settings, ChaosWorkload workload, Verdict verdict, JournalView journal,
                    List<String> kills, List<String> crashes, int starts, JsonNode injected, int revocations, boolean drained,
                    Duration took, Duration drain, Path runDir, int nodes) {

    ChaosOutcome(ChaosProvider provider, ChaosSettings settings, ChaosWorkload workload, Verdict verdict, JournalView journal,
                 List<String> kills, List<String> crashes, int starts, JsonNode injected, int revocations, boolean drained,
                 Duration took, Duration drain, Path runDir) {
        this(provider, settings, workload, verdict, journal, kills, crashes, starts, injected, revocations, drained, took, drain, runDir, 0);
    }

    /** The same outcome, of a run on {@code count} nodes. */
    ChaosOutcome onNodes(int count) {
        return new ChaosOutcome(provider, settings, workload, verdict, journal, kills, crashes, starts, injected, revocations, drained,
                took, drain, runDir, count);
    }

    /** Faults the engine met: what the sandbox injected, and the revocations. */
    int faults() {
        return injected.path("total").asInt() + revocations;
    }

    /** Nothing lost, duplicated or wrong, and the run drained. */
    boolean passed() {
        return drained && verdict.clean() && crashes.isEmpty();
    }

    /** The machine-readable line. */
    String line() {
        return "chaos: provider=%s%s documents=%d remote=%d duplicates=%d missing=%d wrong_amounts=%d kills=%d faults=%d".formatted(
                provider.id(), nodes == 0 ? "" : " nodes=" + nodes, verdict.documents(), verdict.remote(), verdict.duplicates(), verdict.missing(), verdict.wrongAmounts(),
                kills.size(), faults());
    }
}
