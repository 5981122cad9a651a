package io.fieldsync.accounting.bench.chaos;

import java.util.HashMap;
import java.util.Map;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.engine.store.Stores;

/** Reads the journal the engine's process left behind (after it stopped), through the engine's own stores. */
final class JournalReader {

    private JournalReader() {
    }

    static JournalView read(ChaosSettings settings, ExpectedLedger expected) {
        try (JournalPool pool = JournalPool.open(settings.journalUrl())) {
            Stores stores = EngineWiring.storesOnly(settings, pool.dataSource());
            Map<String, JournalView.Row> rows = new HashMap<>();
            expected.invoices().keySet().forEach(id -> add(stores, rows, DocumentRef.invoice(ChaosEngine.COMPANY, id)));
            expected.payments().keySet().forEach(id -> add(stores, rows, DocumentRef.payment(ChaosEngine.COMPANY, id)));
            expected.creditNotes().keySet().forEach(id -> add(stores, rows, DocumentRef.creditNote(ChaosEngine.COMPANY, id)));
            return new JournalView(rows);
        }
    }

    private static void add(Stores stores, Map<String, JournalView.Row> rows, DocumentRef document) {
        stores.journal().find(document).ifPresent(entry -> rows.put(JournalView.key(document.kind(), document.hostId()),
                new JournalView.Row(entry.status(), entry.revision(), entry.remoteId(), entry.error(), entry.note())));
    }
}
