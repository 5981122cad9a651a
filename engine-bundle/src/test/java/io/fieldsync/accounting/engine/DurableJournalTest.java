package io.fieldsync.accounting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.store.Journal;
import io.fieldsync.accounting.engine.store.JournalEntry;
import io.fieldsync.accounting.engine.store.Stores;

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
    /** Working days on one journal, each ended by a kill. */
    private static final int DAYS = 4;
    /** A day's host calls at most; the kill comes after one of its bursts but the last. */
    private static final int DAY_DOCUMENTS = 150;
    private static final String END = "end of output";
    private static final Duration HUNG = Duration.ofMinutes(3);

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

    /**
     * The chaos run's engine, in short: several working days on one journal file, each ended by SIGKILL, while the
     * dispatcher sends and records outcomes and a reader polls beside the host's callers, with H2 writing into freed
     * file space (see {@link KilledHost}'s {@code day}). The kill comes when the engine has just gone idle after a
     * random burst of work, the moment of the chaos run's loss. After each kill the reopened journal has every
     * document acknowledged and every outcome recorded on any day so far.
     */
    @Test
    @Timeout(600) // a guard for a hung fork, not a measure
    void everyAcknowledgedDocumentAndRecordedOutcomeSurvivesEachOfSeveralKillsOfABusyEngine() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<String> promised = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            int bursts = 1 + random.nextInt(DAY_DOCUMENTS / KilledHost.BURST - 1);
            // even days: killed as the engine goes idle after a burst; odd days: in the middle of the next burst
            int promisesAfter = day % 2 == 0 ? 0 : 1 + random.nextInt(KilledHost.BURST);
            promised.addAll(kill(day * DAY_DOCUMENTS, bursts, promisesAfter));
            try (ShippedJournal reopened = ShippedJournal.open(karafData)) {
                Journal journal = stores(reopened).journal();
                List<String> lost = new ArrayList<>();
                for (String line : promised) {
                    String[] parts = line.split(" ");
                    DocumentRef document = new DocumentRef(KilledHost.COMPANY, DocumentKind.valueOf(parts[1]), parts[2]);
                    DocumentStatus status = journal.find(document).map(JournalEntry::toStatus).orElse(null);
                    if (status == null) {
                        lost.add(line + ": missing");
                    } else if (parts[0].equals("recorded") && (status.status() != SyncStatus.SYNCED || !parts[3].equals(status.remoteId()))) {
                        lost.add(line + ": " + status.status() + " " + status.remoteId());
                    }
                }
                assertThat(lost).as("promises missing after SIGKILL %d of %d, after %d bursts of that day (seed %d)",
                        day + 1, DAYS, bursts, seed).isEmpty();
            }
        }
    }

    /**
     * Runs a {@code day} of {@link KilledHost} from host call {@code first}, and kills it {@code promisesAfter}
     * promises after it went idle for the {@code bursts}-th time.
     */
    private List<String> kill(int first, int bursts, int promisesAfter) throws Exception {
        Process host = start("day", DAY_DOCUMENTS, String.valueOf(first));
        List<String> promised = new ArrayList<>();
        int idle = 0;
        int killAt = -1;
        BlockingQueue<String> lines = linesOf(host);
        try (Writer in = new OutputStreamWriter(host.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line = next(lines, host); !line.equals(END); line = next(lines, host)) {
                if (line.startsWith("acknowledged ") || line.startsWith("recorded ")) {
                    promised.add(line);
                } else if (line.equals("idle") && ++idle == bursts) {
                    killAt = promised.size() + promisesAfter;
                }
                if (line.equals("idle") && idle != bursts || line.equals("idle") && killAt > promised.size()) {
                    in.write("go\n");
                    in.flush();
                }
                if (promised.size() == killAt) {
                    // SIGKILL through the handle: Process.destroyForcibly would also close the pipe
                    host.toHandle().destroyForcibly();
                }
            }
        } finally {
            host.destroyForcibly();
            host.waitFor();
        }
        assertThat(killAt).as("the host stopped before the kill (exit %d): %s", host.exitValue(), stderr(karafData.resolve("host.err")))
                .isNotNegative().isLessThanOrEqualTo(promised.size());
        return promised;
    }

    /** Every line the host prints, then {@link #END}, read on a thread of its own so that a hung host can be seen. */
    private static BlockingQueue<String> linesOf(Process host) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("unreadable: " + e);
            } finally {
                lines.add(END);
            }
        }, "host-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /**
     * The host's next line. A host silent for {@link #HUNG} is killed and the test fails: a guard against a hang
     * (H2 2.5.252 once spun for ever at the first update after a restart), not a measure.
     */
    private String next(BlockingQueue<String> lines, Process host) throws Exception {
        String line = lines.poll(HUNG.toSeconds(), TimeUnit.SECONDS);
        if (line == null) {
            host.destroyForcibly();
            throw new AssertionError("the host printed nothing for " + HUNG + ": hung; " + stderr(karafData.resolve("host.err")));
        }
        return line;
    }

    /** What a killed run promised: every line read from it, those that came after the kill signal included. */
    private record Killed(List<String> promised, int killedAfter) {
    }

    private Killed killAtRandom(String mode, long seed) throws Exception {
        int killAfter = DOCUMENTS / 10 + new Random(seed).nextInt(DOCUMENTS / 2);
        Path errors = karafData.resolve("host.err");
        Process host = start(mode, DOCUMENTS);
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

    private Process start(String mode, int documents, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledHost.class.getName(),
                karafData.toString(), mode, String.valueOf(documents), String.valueOf(CALLERS)));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectError(karafData.resolve("host.err").toFile()).start();
    }

    private Stores stores(ShippedJournal journal) {
        return Stores.open(journal.dataSource(), karafData.resolve("token.key"), TestEngine.fixedClock());
    }

    private static String stderr(Path errors) throws IOException {
        return Files.exists(errors) ? Files.readString(errors) : "";
    }
}
