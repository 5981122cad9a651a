package io.fieldsync.accounting.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.fieldsync.accounting.api.CompanyId;
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
    final List<String> contractViolations = new ArrayList<>();

    AdminApiFixture(Path keys) {
        engine = new TestEngine(keys, "xero");
        xero = engine.install(new ScriptedProvider("xero"));
        quickbooks = engine.install(new ScriptedProvider("quickbooks"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.connect(ACME);
        servlet = new AdminApiServlet(engine.sync, engine.setup, engine.connections, engine.providers, engine.directory::installed,
                new KarafRealmLogin("karaf", KarafRealmLogin.KARAF_ROLE_PRINCIPAL, new UsersRealm()), "admin");
    }

    /** A caller with no credentials and no session yet. */
    ApiClient client() {
        return new ApiClient(servlet, contractViolations);
    }

    /** The Karaf admin, logged in, holding its session's CSRF token. */
    ApiClient admin() {
        return client().loggedIn("karaf", "karaf");
    }

    void assertEveryAnswerMatchedTheOpenApiDocument() {
        assertThat(contractViolations).as("answers that deviate from openapi.json").isEmpty();
    }

    @Override
    public void close() throws Exception {
        engine.close();
    }
}
