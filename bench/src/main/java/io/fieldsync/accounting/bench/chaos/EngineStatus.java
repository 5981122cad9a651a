package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentQuery;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.store.JournalEntry;

/**
 * How far the engine's process is, as a small JSON file it rewrites every second (atomically, by rename) and the
 * orchestrator reads: steps acknowledged by the host, documents per status, the connection's state. The orchestrator
 * decides from it when the run has drained.
 *
 * @param acknowledged steps the host made and had acknowledged
 * @param steps        steps in the host's day
 * @param statuses     journal rows per status
 * @param stuck        queued documents that wait for an invoice the engine gave up on (FAILED or UNSUPPORTED): no
 *                     engine pass will ever send them, only a person who fixes the invoice
 * @param waitingFor   queued documents by the reason they wait (the error code on them), for the progress lines
 * @param connection   the company's connection state
 */
record EngineStatus(long pid, int acknowledged, int steps, Map<SyncStatus, Long> statuses, long stuck, Map<String, Long> waitingFor,
                    String connection) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Documents still waiting for the engine (pending, unknown outcome, disconnected). */
    long queued() {
        return statuses.entrySet().stream().filter(e -> e.getKey().isQueued()).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Every step acknowledged and nothing left for the engine to do: every document is in a final state, or waits
     * behind an invoice that failed (the report counts those as missing, with the journal's reason).
     */
    boolean drained() {
        return acknowledged == steps && queued() - stuck == 0;
    }

    static EngineStatus read(EngineWiring engine, CompanyId company, int acknowledged, int steps) {
        Map<SyncStatus, Long> statuses = new EnumMap<>(SyncStatus.class);
        for (SyncStatus status : SyncStatus.values()) {
            long count = engine.sync.documents(new DocumentQuery(company, Set.of(status), Set.of(), 0, 1)).total();
            if (count > 0) {
                statuses.put(status, count);
            }
        }
        long stuck = 0;
        Map<String, Long> waitingFor = new TreeMap<>();
        Set<SyncStatus> queued = EnumSet.of(SyncStatus.PENDING, SyncStatus.OUTCOME_UNKNOWN, SyncStatus.DISCONNECTED);
        for (int offset = 0; ; offset += DocumentQuery.MAX_LIMIT) {
            List<DocumentStatus> page = engine.sync.documents(new DocumentQuery(company, queued, Set.of(), offset,
                    DocumentQuery.MAX_LIMIT)).documents();
            for (DocumentStatus document : page) {
                waitingFor.merge(document.error() == null ? "no reason given" : document.error().code().name(), 1L, Long::sum);
                if (document.status() == SyncStatus.PENDING && document.error() != null
                        && document.error().code() == ErrorCode.PREREQUISITE_MISSING && prerequisiteGaveUp(engine, document.document())) {
                    stuck++;
                }
            }
            if (page.size() < DocumentQuery.MAX_LIMIT) {
                break;
            }
        }
        return new EngineStatus(ProcessHandle.current().pid(), acknowledged, steps, statuses, stuck, waitingFor,
                engine.connections.status(company).state().name());
    }

    private static boolean prerequisiteGaveUp(EngineWiring engine, DocumentRef document) {
        return engine.stores.journal().find(document).map(JournalEntry::dependsOn)
                .flatMap(invoice -> engine.stores.journal().find(DocumentRef.invoice(document.company(), invoice)))
                .map(invoice -> invoice.status() == SyncStatus.FAILED || invoice.status() == SyncStatus.UNSUPPORTED)
                .orElse(false);
    }

    void writeTo(Path file) {
        ObjectNode node = JSON.createObjectNode().put("pid", pid).put("acknowledged", acknowledged).put("steps", steps)
                .put("stuck", stuck).put("connection", connection);
        ObjectNode counts = node.putObject("statuses");
        statuses.forEach((status, count) -> counts.put(status.name(), count));
        ObjectNode reasons = node.putObject("waitingFor");
        waitingFor.forEach(reasons::put);
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), node);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The last status written, if any. */
    static Optional<EngineStatus> readFrom(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            Map<SyncStatus, Long> statuses = new EnumMap<>(SyncStatus.class);
            node.path("statuses").fields().forEachRemaining(e -> statuses.put(SyncStatus.valueOf(e.getKey()), e.getValue().asLong()));
            Map<String, Long> waitingFor = new TreeMap<>();
            node.path("waitingFor").fields().forEachRemaining(e -> waitingFor.put(e.getKey(), e.getValue().asLong()));
            return Optional.of(new EngineStatus(node.path("pid").asLong(), node.path("acknowledged").asInt(),
                    node.path("steps").asInt(), statuses, node.path("stuck").asLong(), waitingFor, node.path("connection").asText()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
