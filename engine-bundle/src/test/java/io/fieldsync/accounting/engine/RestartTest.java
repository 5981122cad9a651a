package io.fieldsync.accounting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncStatus;

class RestartTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path dir;

    @Test
    void aDocumentAcceptedBeforeARestartIsSentAfterIt() throws Exception {
        // kept open between transactions (as a pool keeps it), closed by the SHUTDOWN below
        String url = "jdbc:h2:file:" + dir.resolve("journal") + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1";
        try (TestEngine before = new TestEngine(dir, "xero", url)) {
            before.setup.saveMappings(ACME, Samples.completeMappings());
            before.install(new ScriptedProvider("xero"));
            before.connect(ACME);
            before.use("none");
            before.sync.invoiceLocked(ACME, Samples.invoice("I-1", Samples.customer("C-1")));
            before.drain();
            assertThat(before.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow().status()).isEqualTo(SyncStatus.PENDING);
            try (var connection = before.dataSource.getConnection(); var statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }

        try (TestEngine after = new TestEngine(dir, "xero", url)) {
            ScriptedProvider xero = after.install(new ScriptedProvider("xero"));
            after.drain();

            assertThat(after.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(xero.invoicePushes).hasSize(1);
        }
    }
}
