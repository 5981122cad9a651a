package io.fieldsync.accounting.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.math.BigDecimal;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** The admin servlet over a real engine (H2 journal, scripted providers), a Karaf-like realm, and callers. */
final class AdminApiFixture implements AutoCloseable {

    static final CompanyId ACME = CompanyId.of("acme");

    final TestEngine engine;
    final ScriptedProvider xero;
    final ScriptedProvider quickbooks;
    final AdminApiServlet servlet;
    /** Imports started and not yet run: a test runs them when it has seen them QUEUED ({@link #runImports()}). */
    final List<Runnable> queuedImports = new java.util.concurrent.CopyOnWriteArrayList<>();
    final ImportJobs imports;
    final List<String> contractViolations = new ArrayList<>();

    AdminApiFixture(Path keys) {
        engine = new TestEngine(keys, "xero");
        xero = engine.install(new ChartOfAccounts("xero"));
        quickbooks = engine.install(new ScriptedProvider("quickbooks"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        imports = new ImportJobs(engine.setup, queuedImports::add);
        servlet = new AdminApiServlet(engine.sync, engine.setup, engine.documents, engine.connections, engine.providers, imports,
                () -> engine.directory.installed().stream().map(d -> engine.directory.provider(d.id()).orElseThrow().provider()).toList(),
                new KarafRealmLogin("karaf", KarafRealmLogin.KARAF_ROLE_PRINCIPAL, new UsersRealm()), "admin");
        servlet.health = new io.fieldsync.accounting.engine.operations.EngineHealth(engine.stores.leases(), engine.stores.connections(),
                engine.stores.identity(), new io.fieldsync.accounting.engine.EngineClock(engine.clock), engine.directory, engine.dispatcher,
                new io.fieldsync.accounting.engine.operations.HealthConfiguration() {
                    @Override
                    public long lane_stuck_after_s() {
                        return 300;
                    }

                    @Override
                    public Class<? extends java.lang.annotation.Annotation> annotationType() {
                        return io.fieldsync.accounting.engine.operations.HealthConfiguration.class;
                    }
                });
    }

    /** A scripted accounting system with the accounts and tax rate {@link Samples#completeMappings()} maps to, and one more. */
    static final class ChartOfAccounts extends ScriptedProvider {
        ChartOfAccounts(String id) {
            super(id);
        }

        /** Logs each invoice call once per document it carried, as the real providers do. */
        @Override
        public List<io.fieldsync.accounting.api.spi.PushOutcome> pushInvoices(ProviderSession session,
                                                                         List<io.fieldsync.accounting.api.spi.InvoicePush> batch) {
            for (io.fieldsync.accounting.api.spi.InvoicePush push : batch) {
                session.record(new io.fieldsync.accounting.api.SyncLogEntry(push.document().company(), push.document(), id,
                        "POST Invoices", 200, null, java.time.Duration.ofMillis(120), clock.instant()));
            }
            return super.pushInvoices(session, batch);
        }

        @Override
        public ReferenceData referenceData(ProviderSession session) {
            List<RemoteAccount> accounts = new ArrayList<>();
            for (String code : List.of("200", "210", "220", "260", "230")) {
                accounts.add(new RemoteAccount("id-" + code, code, "Sales " + code, AccountType.REVENUE, true, false));
            }
            for (String code : List.of("090", "091")) {
                accounts.add(new RemoteAccount("id-" + code, code, "Bank " + code, AccountType.BANK, true, true));
            }
            accounts.add(new RemoteAccount("id-820", "820", "GST", AccountType.LIABILITY, true, false));
            return new ReferenceData("Demo Plumbing Ltd", accounts,
                    List.of(new RemoteTaxRate("OUTPUT2", "GST on Income", new BigDecimal("15.00"), true, true)),
                    List.of(new io.fieldsync.accounting.api.admin.RemoteItem("item-1", "PIPE", "Copper pipe", true)), clock.instant());
        }
    }

    /** A caller with no credentials and no session yet. */
    ApiClient client() {
        return new ApiClient(servlet, contractViolations);
    }

    /** The Karaf admin, logged in, holding its session's CSRF token. */
    ApiClient admin() {
        return client().loggedIn("karaf", "karaf");
    }

    /** Runs the imports started so far, in order, on the test's thread. */
    void runImports() {
        List<Runnable> started = List.copyOf(queuedImports);
        queuedImports.clear();
        started.forEach(Runnable::run);
    }

    void assertEveryAnswerMatchedTheOpenApiDocument() {
        assertThat(contractViolations).as("answers that deviate from openapi.json").isEmpty();
    }

    @Override
    public void close() throws Exception {
        engine.close();
    }
}
