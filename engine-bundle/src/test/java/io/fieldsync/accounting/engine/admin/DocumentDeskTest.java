package io.fieldsync.accounting.engine.admin;

import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.DocumentRow;
import io.fieldsync.accounting.api.admin.DocumentRows;
import io.fieldsync.accounting.api.admin.DocumentSearch;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class DocumentDeskTest {

    private static final CompanyId ACME = CompanyId.of("acme");

    @TempDir
    Path keys;

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase database;

    private TestEngine engine;
    private ScriptedProvider xero;

    @BeforeEach
    void startEngine() {
        database = kind.fresh();
        engine = new TestEngine(keys, "xero", database.dataSource());
        xero = engine.install(new ScriptedProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void aTextFindsDocumentsByCustomerNameHostIdHostNumberAndRemoteNumberIgnoringCase() {
        engine.sync.invoiceLocked(ACME, invoice("J-1", named("C-1", "Harbour Café Ltd")));
        engine.sync.invoiceLocked(ACME, invoice("J-2", named("C-2", "Ponsonby Dental")));
        engine.drain();

        assertThat(hostIds(text("harbour café"))).containsExactly("J-1");
        assertThat(hostIds(text("j-2"))).containsExactly("J-2");
        assertThat(hostIds(text("INV-J-1"))).as("the host's number").containsExactly("J-1");
        String remoteNumber = engine.sync.status(DocumentRef.invoice(ACME, "J-2")).orElseThrow().remoteNumber();
        assertThat(remoteNumber).isNotBlank();
        assertThat(hostIds(text(remoteNumber))).contains("J-2");
    }

    @Test
    void aTextFindsAFailedDocumentByItsFailureMessage() {
        engine.sync.invoiceLocked(ACME, invoice("J-1", customer("C-1"), "drains"));
        engine.sync.invoiceLocked(ACME, invoice("J-2", customer("C-2")));
        engine.drain();
        String message = engine.sync.status(DocumentRef.invoice(ACME, "J-1")).orElseThrow().error().message();
        assertThat(message).contains("drains");

        assertThat(hostIds(text("DRAINS"))).containsExactly("J-1");
    }

    @Test
    void aTextFoundOnlyInTheStoredJsonMatchesNothing() {
        engine.sync.invoiceLocked(ACME, invoice("J-1", named("C-1", "Harbour Café Ltd")));

        assertThat(hostIds(text("hostId"))).as("a JSON key").isEmpty();
        assertThat(hostIds(text("Copper fittings"))).as("a line description is not a field the list shows").isEmpty();
        assertThat(hostIds(text("Auckland"))).as("the customer's address").isEmpty();
    }

    @Test
    void wildcardsAndQuotesInTheTextStandForThemselves() {
        engine.sync.invoiceLocked(ACME, invoice("J-1", named("C-1", "100% \"Best\" Plumbing_Co")));
        engine.sync.invoiceLocked(ACME, invoice("J-2", named("C-2", "1000 Plumbing Co")));

        assertThat(hostIds(text("100%"))).containsExactly("J-1");
        assertThat(hostIds(text("plumbing_co"))).containsExactly("J-1");
        assertThat(hostIds(text("\"best\""))).containsExactly("J-1");
        assertThat(hostIds(text("%"))).containsExactly("J-1");
    }

    @Test
    void aTextSearchPagesAndCountsOnlyTheDocumentsItMatches() {
        for (int i = 1; i <= 5; i++) {
            engine.sync.invoiceLocked(ACME, invoice("J-" + i, named("C-" + i, i % 2 == 1 ? "Odd Plumbing" : "Even Drains")));
            engine.clock.advance(Duration.ofMinutes(1));
        }

        DocumentRows page = engine.documents.search(new DocumentSearch(ACME, Set.of(), Set.of(), null, null, "odd", 1, 1));

        assertThat(page.total()).isEqualTo(3);
        assertThat(page.rows()).extracting(row -> row.status().document().hostId()).containsExactly("J-3");
    }

    @Test
    void theTimeRangeKeepsDocumentsWhoseStatusChangedFromItsStartToBeforeItsEnd() {
        engine.sync.invoiceLocked(ACME, invoice("J-1", customer("C-1")));
        engine.clock.advance(Duration.ofHours(1));
        Instant second = engine.clock.instant();
        engine.sync.invoiceLocked(ACME, invoice("J-2", customer("C-2")));
        engine.clock.advance(Duration.ofHours(1));
        Instant third = engine.clock.instant();
        engine.sync.invoiceLocked(ACME, invoice("J-3", customer("C-3")));

        DocumentRows range = engine.documents.search(new DocumentSearch(ACME, Set.of(), Set.of(), second, third, null, 0, 100));
        DocumentRows since = engine.documents.search(new DocumentSearch(ACME, Set.of(), Set.of(DocumentKind.INVOICE), second, null,
                null, 0, 100));

        assertThat(range.rows()).extracting(row -> row.status().document().hostId()).containsExactly("J-2");
        assertThat(range.total()).isEqualTo(1);
        assertThat(since.rows()).extracting(row -> row.status().document().hostId()).containsExactly("J-3", "J-2");
    }

    @Test
    void aDocumentBackingOffShowsItsAttemptsAndNextAttemptAndSendNowMakesItDue() {
        engine.sync.invoiceLocked(ACME, invoice("J-1", customer("C-1")));
        xero.nextInvoiceCallFails = new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero"));
        engine.drain();
        DocumentRef document = DocumentRef.invoice(ACME, "J-1");

        DocumentRow waiting = engine.documents.row(document).orElseThrow();
        assertThat(waiting.status().status()).isEqualTo(SyncStatus.PENDING);
        assertThat(waiting.status().attempts()).isEqualTo(1);
        assertThat(waiting.backingOff()).isTrue();
        assertThat(waiting.nextAttemptAt()).isAfter(engine.clock.instant());
        assertThat(engine.pass()).as("nothing is due during the back-off").isZero();

        DocumentRow due = engine.documents.sendNow(document).orElseThrow();

        assertThat(due.backingOff()).isFalse();
        assertThat(due.nextAttemptAt()).isEqualTo(engine.clock.instant());
        assertThat(due.status().attempts()).as("sending now is not an attempt").isEqualTo(1);
        engine.drain();
        DocumentRow synced = engine.documents.row(document).orElseThrow();
        assertThat(synced.status().status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(synced.nextAttemptAt()).as("only a queued document has a next attempt").isNull();
        assertThat(synced.backingOff()).isFalse();
        assertThat(xero.invoicePushes).as("the attempt that failed and the one sent now").hasSize(2);
    }

    @Test
    void sendNowRefusesADocumentThatIsNotQueuedAndChangesNothing() {
        engine.sync.invoiceLocked(ACME, invoice("J-1", customer("C-1")));
        engine.drain();
        DocumentRef document = DocumentRef.invoice(ACME, "J-1");
        DocumentRow before = engine.documents.row(document).orElseThrow();

        assertThatThrownBy(() -> engine.documents.sendNow(document))
                .isInstanceOfSatisfying(AccountingException.class, refused -> {
                    assertThat(refused.error().code()).isEqualTo(ErrorCode.PREREQUISITE_MISSING);
                    assertThat(refused.getMessage()).contains("J-1", "SYNCED");
                });
        assertThat(engine.documents.row(document)).contains(before);
    }

    @Test
    void theCompanysNextAttemptIsTheEarliestOfItsQueuedDocumentsAndNoneWhenNothingIsQueued() {
        assertThat(engine.documents.nextAttempt(ACME)).isEmpty();
        engine.sync.invoiceLocked(ACME, invoice("J-1", customer("C-1")));
        xero.nextInvoiceCallFails = new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero"));
        engine.drain();
        Instant backOff = engine.documents.row(DocumentRef.invoice(ACME, "J-1")).orElseThrow().nextAttemptAt();

        assertThat(engine.documents.nextAttempt(ACME)).contains(backOff);
        assertThat(engine.documents.nextAttempt(CompanyId.of("other"))).isEmpty();
        engine.documents.sendNow(DocumentRef.invoice(ACME, "J-1"));
        engine.drain();
        assertThat(engine.documents.nextAttempt(ACME)).as("synced: nothing queued").isEmpty();
    }

    @Test
    void sendNowOfAnUnknownDocumentFindsNothing() {
        assertThat(engine.documents.sendNow(DocumentRef.invoice(ACME, "NOPE"))).isEmpty();
    }

    private DocumentRows text(String text) {
        return engine.documents.search(new DocumentSearch(ACME, Set.of(), Set.of(), null, null, text, 0, 100));
    }

    private static List<String> hostIds(DocumentRows rows) {
        return rows.rows().stream().map(row -> row.status().document().hostId()).sorted().toList();
    }

    private static Customer named(String hostId, String name) {
        Customer sample = customer(hostId);
        return new Customer(hostId, name, sample.email(), sample.phone(), sample.billingAddress());
    }
}
