package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.SyncLogQuery;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.TestDatabase;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class SyncLogStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final CompanyId ACME = CompanyId.of("acme");
    private static final CompanyId GLOBEX = CompanyId.of("globex");

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase database;

    private SyncLogStore log;

    @BeforeEach
    void migrate() {
        database = kind.fresh();
        Database db = new Database(database.dataSource());
        new SchemaMigrations(db, Clock.fixed(NOW, ZoneOffset.UTC)).migrate();
        log = new SyncLogStore(db);
    }

    @Test
    void aBatchedCallIsLoggedOnceAndFoundFromEachDocumentItCarried() {
        List<DocumentRef> batch = List.of(invoice(ACME, "JOB-1"), invoice(ACME, "JOB-2"), invoice(ACME, "JOB-3"));
        log.append(call(ACME, null, "PUT /Invoices", NOW).carrying(batch));
        log.append(call(ACME, null, "GET /Accounts", NOW.plusSeconds(1)));

        assertThat(log.find(SyncLogQuery.latest(ACME, 10))).hasSize(2);
        for (DocumentRef document : batch) {
            assertThat(log.find(new SyncLogQuery(ACME, document, false, null, 10))).singleElement().satisfies(found -> {
                assertThat(found.operation()).isEqualTo("PUT /Invoices");
                assertThat(found.carried()).containsExactlyElementsOf(batch);
            });
        }
        assertThat(log.find(new SyncLogQuery(ACME, invoice(ACME, "JOB-4"), false, null, 10))).isEmpty();
    }

    @Test
    void theDocumentFilterFindsACallByItsOwnDocumentAndByALinkNewestFirstWithoutDuplicates() {
        DocumentRef job = invoice(ACME, "JOB-1");
        log.append(call(ACME, job, "GET /Invoices/JOB-1", NOW));
        log.append(call(ACME, job, "PUT /Invoices", NOW.plusSeconds(1)).carrying(List.of(job, invoice(ACME, "JOB-2"))));
        log.append(call(ACME, null, "PUT /Invoices", NOW.plusSeconds(2)).carrying(List.of(job)));

        assertThat(log.find(new SyncLogQuery(ACME, job, false, null, 10)))
                .extracting(SyncLogEntry::at).containsExactly(NOW.plusSeconds(2), NOW.plusSeconds(1), NOW);
        assertThat(log.find(new SyncLogQuery(ACME, job, false, null, 2))).hasSize(2);
    }

    @Test
    void aLinkBelongsToItsCompanyAndKind() {
        log.append(call(ACME, null, "PUT /Invoices", NOW).carrying(List.of(invoice(ACME, "JOB-1"))));

        assertThat(log.find(new SyncLogQuery(GLOBEX, invoice(GLOBEX, "JOB-1"), false, null, 10))).isEmpty();
        assertThat(log.find(new SyncLogQuery(ACME, new DocumentRef(ACME, DocumentKind.CREDIT_NOTE, "JOB-1"), false, null, 10))).isEmpty();
    }

    @Test
    void theErrorAndSinceFiltersStillApplyToLinkedCalls() {
        DocumentRef job = invoice(ACME, "JOB-1");
        log.append(call(ACME, null, "PUT /Invoices", NOW).carrying(List.of(job)));
        log.append(new SyncLogEntry(ACME, null, "xero", "PUT /Invoices", 400, "A validation exception occurred",
                Duration.ofMillis(80), NOW.plusSeconds(60)).carrying(List.of(job)));

        assertThat(log.find(new SyncLogQuery(ACME, job, true, null, 10))).singleElement()
                .satisfies(found -> assertThat(found.httpStatus()).isEqualTo(400));
        assertThat(log.find(new SyncLogQuery(ACME, job, false, NOW.plusSeconds(30), 10))).singleElement()
                .satisfies(found -> assertThat(found.at()).isEqualTo(NOW.plusSeconds(60)));
    }

    @Test
    void aCallThatCarriedNoDocumentListsNone() {
        log.append(call(ACME, null, "GET /Accounts", NOW));

        assertThat(log.find(SyncLogQuery.latest(ACME, 10))).singleElement()
                .satisfies(found -> assertThat(found.carried()).isEmpty());
    }

    private static DocumentRef invoice(CompanyId company, String hostId) {
        return new DocumentRef(company, DocumentKind.INVOICE, hostId);
    }

    private static SyncLogEntry call(CompanyId company, DocumentRef document, String operation, Instant at) {
        return new SyncLogEntry(company, document, "xero", operation, 200, null, Duration.ofMillis(120), at);
    }
}
