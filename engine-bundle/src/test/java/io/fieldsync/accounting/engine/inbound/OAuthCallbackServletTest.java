package io.fieldsync.accounting.engine.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.AuthorizationStart;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.engine.FakeHttp;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** The OAuth callback: a state completes once, before it expires, in the browser session that began it. */
class OAuthCallbackServletTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final String ADMINS_SECRET = "a".repeat(43);
    private static final String OTHER_SECRET = "b".repeat(43);

    @TempDir
    Path keys;

    private TestEngine engine;
    private OAuthCallbackServlet callback;

    @BeforeEach
    void startEngine() {
        engine = new TestEngine(keys, "xero");
        engine.install(new ScriptedProvider("xero"));
        callback = new OAuthCallbackServlet(engine.connections);
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void aHeadRequestDoesNotSpendTheStateAMailScannerOrLinkPreviewSends() throws Exception {
        AuthorizationStart start = engine.connections.beginAuthorization(ACME);

        FakeHttp.Answer head = call("HEAD", start.state());

        assertThat(head.status.get()).isEqualTo(200);
        assertThat(head.body.toString()).isEmpty();
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.AWAITING_AUTHORIZATION);
        assertThat(call("GET", start.state()).status.get()).isEqualTo(200);
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void aStateBegunInTheAdminsSessionCompletesInThatSessionAndClearsTheCookie() throws Exception {
        AuthorizationStart start = engine.connections.beginAuthorization(ACME, ADMINS_SECRET);

        FakeHttp.Answer answer = call("GET", start.state(), AccountingConnections.BROWSER_BINDING_COOKIE, ADMINS_SECRET);

        assertThat(answer.status.get()).isEqualTo(200);
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(answer.cookies).singleElement().satisfies(cookie -> {
            assertThat(cookie.getName()).isEqualTo(AccountingConnections.BROWSER_BINDING_COOKIE);
            assertThat(cookie.getMaxAge()).isZero();
            assertThat(cookie.getPath()).isEqualTo("/accounting");
        });
    }

    @Test
    void aStateBegunInAnotherSessionIsRefusedAndStaysUsableByTheSessionThatBeganIt() throws Exception {
        AuthorizationStart start = engine.connections.beginAuthorization(ACME, ADMINS_SECRET);

        FakeHttp.Answer elsewhere = call("GET", start.state(), AccountingConnections.BROWSER_BINDING_COOKIE, OTHER_SECRET);
        FakeHttp.Answer noCookie = call("GET", start.state());

        assertThat(elsewhere.status.get()).isEqualTo(400);
        assertThat(elsewhere.body.toString()).contains("another browser session");
        assertThat(noCookie.status.get()).isEqualTo(400);
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.AWAITING_AUTHORIZATION);
        assertThat(call("GET", start.state(), AccountingConnections.BROWSER_BINDING_COOKIE, ADMINS_SECRET).status.get()).isEqualTo(200);
        assertThat(engine.connections.status(ACME).state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void aStateUsedOnceOrExpiredIsRefusedEvenInTheRightSession() throws Exception {
        AuthorizationStart used = engine.connections.beginAuthorization(ACME, ADMINS_SECRET);
        call("GET", used.state(), AccountingConnections.BROWSER_BINDING_COOKIE, ADMINS_SECRET);

        FakeHttp.Answer again = call("GET", used.state(), AccountingConnections.BROWSER_BINDING_COOKIE, ADMINS_SECRET);
        AuthorizationStart late = engine.connections.beginAuthorization(CompanyId.of("beta"), ADMINS_SECRET);
        engine.clock.advance(Duration.ofMinutes(16));
        FakeHttp.Answer expired = call("GET", late.state(), AccountingConnections.BROWSER_BINDING_COOKIE, ADMINS_SECRET);

        assertThat(again.status.get()).isEqualTo(400);
        assertThat(again.body.toString()).contains("already used");
        assertThat(expired.status.get()).isEqualTo(400);
        assertThat(expired.body.toString()).contains("expired");
    }

    @Test
    void aBindingSecretTooShortToBeUnguessableIsRefused() {
        assertThatThrownBy(() -> engine.connections.beginAuthorization(ACME, "short"))
                .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.field()).isEqualTo("browserBinding"));
    }

    private FakeHttp.Answer call(String method, String state, String... cookies) throws Exception {
        FakeHttp.Answer answer = new FakeHttp.Answer();
        callback.service(FakeHttp.request(method, Map.of("code", new String[] {"code-1"}, "state", new String[] {state}), cookies),
                answer.response);
        return answer;
    }
}
