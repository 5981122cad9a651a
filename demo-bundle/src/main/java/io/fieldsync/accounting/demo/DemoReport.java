package io.fieldsync.accounting.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ConnectionStatus;

/**
 * What a demo run did.
 *
 * @param connection the company's connection afterwards
 * @param byKind how many documents of each kind ended in each status
 * @param examples a few documents, to show what was synced
 * @param calls how many calls were made to the accounting system (from the sync log)
 * @param took how long the run took
 * @param drained whether every document left the queue before the timeout
 */
public record DemoReport(ConnectionStatus connection, Map<DocumentKind, Map<SyncStatus, Long>> byKind, List<DocumentStatus> examples,
                         int calls, Duration took, boolean drained) {

    /** How many documents of a kind ended in a status. */
    public long count(DocumentKind kind, SyncStatus status) {
        return byKind.getOrDefault(kind, Map.of()).getOrDefault(status, 0L);
    }

    /** The report as the shell prints it. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("Connected to     : ").append(connection.organisationName()).append(" (").append(connection.provider())
                .append(", ").append(connection.state()).append(")\n");
        byKind.forEach((kind, counts) -> text.append("%-17s: ".formatted(kind)).append(counts.entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "))).append('\n'));
        long synced = byKind.values().stream().mapToLong(counts -> counts.getOrDefault(SyncStatus.SYNCED, 0L)).sum();
        text.append("API calls        : ").append(calls).append(" to ").append(connection.provider())
                .append(synced == 0 ? "" : " (%.2f per synced document)".formatted((double) calls / synced)).append('\n');
        text.append("Took             : ").append(took.toSeconds()).append(" s").append(drained ? "" : " (timed out with documents still queued)")
                .append('\n');
        text.append("Examples:\n");
        for (DocumentStatus example : examples) {
            text.append("  ").append(example.document().kind()).append(' ').append(example.document().hostId()).append(" -> ")
                    .append(example.status()).append(example.remoteNumber() == null ? "" : " as " + example.remoteNumber())
                    .append(example.remoteId() == null ? "" : " [" + example.remoteId() + "]")
                    .append(example.paymentState() == null ? "" : ", " + example.paymentState().state() + " paid "
                            + example.paymentState().amountPaid())
                    .append(example.error() == null ? "" : ": " + example.error().message())
                    .append('\n');
        }
        return text.toString();
    }
}
