package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened in the engine's process that the report should tell (a reconnect, an edit made before its document
 * synced, a host call that failed and was made again), one line per event, shared by every incarnation of the
 * process. Lines are {@code <instant> <kind> <detail>}.
 */
final class EventLog {

    private final Path file;
    private final Clock clock;

    EventLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    synchronized void record(String kind, String detail) {
        try {
            Files.writeString(file, clock.instant() + " " + kind + " " + detail + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the event log " + file, e);
        }
    }

    /** Every event of {@code kind} recorded so far, by any incarnation, as its detail. */
    static List<String> read(Path file, String kind) {
        List<String> details = new ArrayList<>();
        if (!Files.exists(file)) {
            return details;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ", 3);
                if (parts.length >= 2 && parts[1].equals(kind)) {
                    details.add(parts.length == 3 ? parts[2] : "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return details;
    }
}
