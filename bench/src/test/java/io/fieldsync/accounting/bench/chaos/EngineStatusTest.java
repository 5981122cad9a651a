package io.fieldsync.accounting.bench.chaos;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.SyncStatus;

import static org.assertj.core.api.Assertions.assertThat;

class EngineStatusTest {

    @TempDir
    Path dir;

    @Test
    void theRunHasDrainedWhenEveryStepWasMadeAndOnlyDocumentsBehindAFailedInvoiceStillWait() {
        Map<SyncStatus, Long> statuses = Map.of(SyncStatus.SYNCED, 290L, SyncStatus.FAILED, 8L, SyncStatus.PENDING, 2L);

        assertThat(new EngineStatus(1, 340, 340, statuses, 2, Map.of(), "CONNECTED").drained()).isTrue();
        assertThat(new EngineStatus(1, 340, 340, statuses, 1, Map.of(), "CONNECTED").drained()).as("one is still the engine's to send").isFalse();
        assertThat(new EngineStatus(1, 339, 340, statuses, 2, Map.of(), "CONNECTED").drained()).as("the host is not done").isFalse();
        assertThat(new EngineStatus(1, 340, 340, Map.of(SyncStatus.OUTCOME_UNKNOWN, 1L), 0, Map.of(), "CONNECTED").drained()).isFalse();
    }

    @Test
    void theOrchestratorReadsBackWhatTheEngineWrote() {
        Path file = dir.resolve("engine-status.json");
        EngineStatus written = new EngineStatus(4242, 12, 340, Map.of(SyncStatus.PENDING, 3L, SyncStatus.SYNCED, 9L), 1,
                Map.of("PREREQUISITE_MISSING", 2L, "RATE_LIMITED", 1L), "EXPIRED");

        written.writeTo(file);

        assertThat(EngineStatus.readFrom(file)).contains(written);
        assertThat(EngineStatus.readFrom(dir.resolve("none.json"))).isEmpty();
    }
}
