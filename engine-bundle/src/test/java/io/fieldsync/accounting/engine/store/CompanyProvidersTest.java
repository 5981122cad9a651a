package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.engine.FreshDatabase;
import io.fieldsync.accounting.engine.TestDatabase;
import io.fieldsync.accounting.engine.TestEngine;

/** The company's provider in the journal database, and how due rows resolve to lanes (company and provider). */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CompanyProvidersTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final CompanyId BOLT = CompanyId.of("bolt");
    private static final Instant NOW = TestEngine.START;

    @TempDir
    Path keys;

    @Parameter
    TestDatabase kind;

    @AutoClose
    FreshDatabase database;

    private Stores stores;
    private CompanyProviders providers;
    private Journal journal;

    @BeforeEach
    void openStores() {
        database = kind.fresh();
        stores = Stores.open(database.dataSource(), keys.resolve("token.key"), TestEngine.fixedClock());
        providers = stores.companyProviders();
        journal = stores.journal();
        providers.useByDefault("xero");
    }

    @Test
    void aCompanyWithoutAChoiceFollowsTheDefault() {
        assertThat(providers.find(ACME)).isEmpty();
        assertThat(providers.providerOf(ACME)).isEqualTo("xero");
    }

    @Test
    void aChoiceIsKeptWithWhoMadeItAndWhenAndReplacesTheOneBefore() {
        providers.choose(ACME, "quickbooks", "alice", NOW);
        providers.choose(ACME, "none", "bob", NOW.plusSeconds(60));

        assertThat(providers.find(ACME)).hasValue(new CompanyProviders.Choice(ACME, "none", "bob", NOW.plusSeconds(60)));
        assertThat(providers.all()).hasSize(1);
    }

    @Test
    void aForgottenChoiceFollowsTheDefaultAgain() {
        providers.choose(ACME, "quickbooks", "alice", NOW);

        assertThat(providers.forget(ACME)).isTrue();
        assertThat(providers.providerOf(ACME)).isEqualTo("xero");
        assertThat(providers.forget(ACME)).isFalse();
    }

    @Test
    void theCompaniesAreThoseWithAChoiceOrWithDocuments() {
        providers.choose(BOLT, "quickbooks", "alice", NOW);
        accept(DocumentRef.invoice(ACME, "I-1"), null);
        accept(DocumentRef.invoice(BOLT, "J-1"), null);

        assertThat(providers.companies()).containsExactly(ACME, BOLT);
    }

    @Test
    void unboundRowsGoToTheCompanysChoiceAndBoundRowsStayWithTheirProvider() {
        JournalEntry sent = accept(DocumentRef.invoice(ACME, "I-1"), null);
        journal.markSending(List.of(sent), "xero", entry -> "key", NOW);
        journal.markRetry(journal.find(sent.document()).orElseThrow(), "xero",
                SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero"), NOW, NOW);
        accept(DocumentRef.invoice(ACME, "I-2"), null);
        accept(DocumentRef.invoice(BOLT, "J-1"), null);

        providers.choose(ACME, "quickbooks", "alice", NOW);

        assertThat(journal.lanesWithDueWork(NOW)).containsExactly(new LaneId(ACME, "quickbooks"), new LaneId(ACME, "xero"),
                new LaneId(BOLT, "xero"));
        assertThat(journal.due(ACME, io.fieldsync.accounting.api.DocumentKind.INVOICE, "xero", NOW, 10))
                .extracting(entry -> entry.document().hostId()).containsExactly("I-1");
        assertThat(journal.due(ACME, io.fieldsync.accounting.api.DocumentKind.INVOICE, "quickbooks", NOW, 10))
                .extracting(entry -> entry.document().hostId()).containsExactly("I-2");
    }

    @Test
    void aPaymentNeverAttemptedFollowsItsInvoicesProvider() {
        JournalEntry invoice = accept(DocumentRef.invoice(ACME, "I-1"), null);
        journal.markSending(List.of(invoice), "xero", entry -> "key", NOW);
        journal.markSynced(journal.find(invoice.document()).orElseThrow(), "xero", "remote-1", "INV-1", null, NOW);
        accept(DocumentRef.payment(ACME, "P-1"), "I-1");
        accept(DocumentRef.payment(ACME, "P-2"), "I-unknown");

        providers.choose(ACME, "quickbooks", "alice", NOW);

        assertThat(journal.due(ACME, io.fieldsync.accounting.api.DocumentKind.PAYMENT, "xero", NOW, 10))
                .extracting(entry -> entry.document().hostId()).containsExactly("P-1");
        assertThat(journal.due(ACME, io.fieldsync.accounting.api.DocumentKind.PAYMENT, "quickbooks", NOW, 10))
                .extracting(entry -> entry.document().hostId()).containsExactly("P-2");
    }

    @Test
    void aDocumentRefusedByTheAccountingSystemMayBeRebound() {
        JournalEntry refused = accept(DocumentRef.invoice(ACME, "I-1"), null);
        journal.markSending(List.of(refused), "xero", entry -> "key", NOW);
        journal.markFailed(journal.find(refused.document()).orElseThrow(), "xero",
                SyncError.of(ErrorCode.VALIDATION_FAILED, "invoice I-1"), true, NOW);
        JournalEntry checked = accept(DocumentRef.invoice(ACME, "I-2"), null);
        journal.markSending(List.of(checked), "xero", entry -> "key", NOW);
        journal.markUnknown(journal.find(checked.document()).orElseThrow(), "xero",
                SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "Xero"), NOW, NOW);
        // refused by the engine's own check after the lost answer: never looked up, so still in doubt
        journal.markFailed(journal.find(checked.document()).orElseThrow(), "xero",
                SyncError.of(ErrorCode.MAPPING_MISSING, "LABOUR"), false, NOW);
        providers.choose(ACME, "quickbooks", "alice", NOW);

        Rebinding rebinding = stores.providerBindings().rebind(ACME, "quickbooks", NOW);

        assertThat(rebinding.moved()).singleElement().satisfies(moved -> {
            assertThat(moved.document().hostId()).isEqualTo("I-1");
            assertThat(moved.provider()).isNull();
            assertThat(moved.status()).isEqualTo(SyncStatus.PENDING);
            assertThat(moved.inDoubt()).isFalse();
        });
        assertThat(rebinding.kept()).singleElement().satisfies(kept -> {
            assertThat(kept.entry().document().hostId()).isEqualTo("I-2");
            assertThat(kept.reason()).isEqualTo(Rebinding.Reason.IN_DOUBT);
        });
    }

    private JournalEntry accept(DocumentRef document, String dependsOn) {
        return journal.accept(document, "{\"id\":\"" + document.hostId() + "\"}", document.hostId(), dependsOn,
                SyncStatus.PENDING, false, NOW).entry();
    }
}
