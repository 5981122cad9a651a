package io.fieldsync.accounting.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HostProgressTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedStepsAreRememberedByTheNextProcessInAnyOrder() throws Exception {
        Path file = dir.resolve("host-progress.log");
        try (HostProgress progress = HostProgress.open(file)) {
            progress.acknowledge(0, "INVOICE JOB-1 r1");
            progress.acknowledge(2, "INVOICE JOB-3 r1");
        }

        try (HostProgress again = HostProgress.open(file)) {
            assertThat(again.count()).isEqualTo(2);
            assertThat(again.isAcknowledged(0)).isTrue();
            assertThat(again.isAcknowledged(1)).as("an edit still waiting when the process died").isFalse();
            assertThat(again.isAcknowledged(2)).isTrue();
        }
    }

    @Test
    void aLineTornByTheKillIsIgnoredAndTheNextRecordStartsOnItsOwnLine() throws Exception {
        Path file = dir.resolve("host-progress.log");
        Files.writeString(file, "ack 0 INVOICE JOB-1 r1\nack 1", StandardCharsets.UTF_8);

        try (HostProgress progress = HostProgress.open(file)) {
            assertThat(progress.count()).isEqualTo(1);
            progress.acknowledge(1, "PAYMENT PAY-1 r1");
        }

        assertThat(Files.readAllLines(file)).containsExactly("ack 0 INVOICE JOB-1 r1", "ack 1", "ack 1 PAYMENT PAY-1 r1");
        assertThat(HostProgress.acknowledgedIn(file)).containsExactly(0, 1);
    }

    @Test
    void readingTheLogForTheReportChangesNothingInIt() throws Exception {
        Path file = dir.resolve("host-progress.log");
        Files.writeString(file, "ack 0 INVOICE JOB-1 r1\nack 1 PAY", StandardCharsets.UTF_8, StandardOpenOption.CREATE);

        assertThat(HostProgress.acknowledgedIn(file)).containsExactly(0, 1);
        assertThat(Files.readString(file)).isEqualTo("ack 0 INVOICE JOB-1 r1\nack 1 PAY");
    }
}
