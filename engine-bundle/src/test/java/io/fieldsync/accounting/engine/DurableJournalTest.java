package io.fieldsync.accounting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalEntry;

/**
 * What the host was told is on disk: a real JVM runs the engine over the journal exactly as shipped
 * ({@link ShippedJournal}), prints every document the moment its call returns, and is killed with
 * SIGKILL at a random one of those moments; the journal, reopened, has every document it printed.
 * Nothing here waits for time to pass: the kill follows the k-th acknowledgement.
 */
class DurableJournalTest {

    private static final int CALLERS = 8;
    /** Enough to kill the host well inside its run; small because libfaketime makes H2 about ten times slower. */
    private static final int DOCUMENTS = 600;

    @TempDir
    Path karafData;

    @Test
    @Timeout(600) // a guard for a hung fork, not a measure: under faketime on a busy machine one run took 80 s
    void everyAcknowledgedDocumentIsInTheJournalAfterTheHostIsKilled() throws Exception {
        long seed = new Random().nextLong();
        Killed run = killAtRandom("documents", seed);

        assertThat(run.promised).as("acknowledgements read before and after the kill (seed %d)", seed).isNotEmpty();
        try (ShippedJournal reopened = ShippedJournal.open(karafData)) {
            Journal journal = stores(reopened).journal();
            List<String> lost = new ArrayList<>();
            for (String line : run.promised) {
                String[] parts = line.split(" ");
                DocumentRef document = new DocumentRef(KilledHost.COMPANY, DocumentKind.valueOf(parts[1]), parts[2]);
                if (journal.find(document).isEmpty()) {
                    lost.add(parts[1] + " " + parts[2]);
                }
            }
            assertThat(lost).as("acknowledged documents missing after SIGKILL at the %d-th of %d (seed %d)",
                    run.killedAfter, run.promised.size(), seed).isEmpty();
        }
    }

    @Test
    @Timeout(600) // a guard for a hung fork, not a measure: under faketime on a busy machine one run took 80 s
    void everyRecordedOutcomeIsInTheJournalAfterTheEngineIsKilled() throws Exception {
        long seed = new Random().nextLong();
        Killed run = killAtRandom("outcomes", seed);

        assertThat(run.promised).as("outcomes read before and after the kill (seed %d)", seed).isNotEmpty();
        try (ShippedJournal reopened = ShippedJournal.open(karafData)) {
            Journal journal = stores(reopened).journal();
            List<String> lost = new ArrayList<>();
            for (String line : run.promised) {
                String[] parts = line.split(" ");
                DocumentStatus status = journal.find(DocumentRef.invoice(KilledHost.COMPANY, parts[1]))
                        .map(JournalEntry::toStatus).orElse(null);
                if (status == null || status.status() != SyncStatus.SYNCED || !parts[2].equals(status.remoteId())) {
                    lost.add(parts[1] + " " + (status == null ? "missing" : status.status() + " " + status.remoteId()));
                }
            }
            assertThat(lost).as("recorded outcomes missing after SIGKILL at the %d-th of %d (seed %d)",
                    run.killedAfter, run.promised.size(), seed).isEmpty();
        }
    }

    /** What a killed run promised: every line read from it, those that came after the kill signal included. */
    private record Killed(List<String> promised, int killedAfter) {
    }

    private Killed killAtRandom(String mode, long seed) throws Exception {
        int killAfter = DOCUMENTS / 10 + new Random(seed).nextInt(DOCUMENTS / 2);
        Path errors = karafData.resolve("host.err");
        Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledHost.class.getName(),
                karafData.toString(), mode, String.valueOf(DOCUMENTS), String.valueOf(CALLERS))
                .redirectError(errors.toFile())
                .start();
        List<String> promised = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("acknowledged ") || line.startsWith("recorded ")) {
                    promised.add(line);
                    if (promised.size() == killAfter) {
                        // SIGKILL through the handle: Process.destroyForcibly would also close the pipe and
                        // drop the acknowledgements the host wrote before the signal reached it
                        host.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            host.destroyForcibly();
            host.waitFor();
        }
        assertThat(promised.size()).as("the host stopped before the kill (exit %d): %s", host.exitValue(), stderr(errors))
                .isGreaterThanOrEqualTo(killAfter);
        assertThat(promised.size()).as("the kill came after the host had finished").isLessThan(DOCUMENTS);
        return new Killed(promised, killAfter);
    }

    private EngineStores stores(ShippedJournal journal) {
        return new EngineStores(journal.dataSource(), karafData.resolve("token.key"), TestEngine.fixedClock());
    }

    private static String stderr(Path errors) throws IOException {
        return Files.exists(errors) ? Files.readString(errors) : "";
    }
}
