package io.fieldsync.accounting.admin;

import static io.fieldsync.accounting.admin.AdminApiFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;

/** Who may call the admin API, and what a forged or careless call gets. */
class AdminApiSecurityTest {

    /** One concrete call per route (method, path, body), so every route is tried by every rule below. */
    static final List<String[]> EVERY_ROUTE = List.of(
            new String[] {"GET", "/session", null},
            new String[] {"GET", "/providers", null},
            new String[] {"GET", "/health", null},
            new String[] {"GET", "/companies", null},
            new String[] {"GET", "/companies/acme/provider", null},
            new String[] {"PUT", "/companies/acme/provider", "{\"provider\":\"quickbooks\"}"},
            new String[] {"POST", "/companies/acme/provider/rebind", null},
            new String[] {"GET", "/companies/acme/connection", null},
            new String[] {"GET", "/companies/acme/documents", null},
            new String[] {"POST", "/companies/acme/documents/retry-failed", null},
            new String[] {"POST", "/companies/acme/documents/INVOICE/I-1/retry", null},
            new String[] {"POST", "/companies/acme/documents/INVOICE/I-1/send-now", null},
            new String[] {"GET", "/companies/acme/history", null},
            new String[] {"POST", "/companies/acme/history/invoices", "{\"invoices\":[]}"},
            new String[] {"POST", "/companies/acme/history/sync", "{\"hostInvoiceIds\":[]}"},
            new String[] {"POST", "/companies/acme/import/customers", "{\"customers\":[]}"},
            new String[] {"POST", "/companies/acme/import/customers/choices", "{\"customers\":[],\"choices\":[]}"},
            new String[] {"POST", "/companies/acme/import/reference/choices", "{\"choices\":[]}"},
            new String[] {"POST", "/companies/acme/imports", "{\"kind\":\"items\"}"},
            new String[] {"GET", "/companies/acme/imports", null},
            new String[] {"GET", "/companies/acme/imports/no-such-job", null},
            new String[] {"GET", "/companies/acme/mappings", null},
            new String[] {"PUT", "/companies/acme/mappings", "{}"},
            new String[] {"POST", "/companies/acme/connection/connect", null},
            new String[] {"POST", "/companies/acme/connection/disconnect", null},
            new String[] {"PUT", "/companies/acme/connection/organisation", "{\"tenantId\":\"tenant-1\"}"},
            new String[] {"GET", "/companies/acme/reference-data", null},
            new String[] {"POST", "/companies/acme/reference-data/refresh", null},
            new String[] {"GET", "/companies/acme/sync-log", null},
            new String[] {"GET", "/companies/acme/sync-log.csv", null},
            new String[] {"GET", "/companies/acme/settings", null},
            new String[] {"PUT", "/companies/acme/settings",
                    "{\"pushInvoicesAs\":\"DRAFT\",\"keepHostInvoiceNumbers\":false,\"twoWayNameSync\":true,"
                            + "\"autoSyncInvoices\":false,\"autoSyncPayments\":false,\"pollingIntervalMinutes\":60}"});

    @TempDir
    Path keys;

    private AdminApiFixture api;

    @BeforeEach
    void engineWithAConnectedCompany() {
        api = new AdminApiFixture(keys);
    }

    @AfterEach
    void answersFollowTheDocument() throws Exception {
        api.assertEveryAnswerMatchedTheOpenApiDocument();
        api.close();
    }

    @Test
    void theseRulesTryEveryRouteTheServletAnswers() {
        ApiRoutes routes = api.servlet.routes();
        java.util.Set<ApiRoutes.Route> tried = new java.util.HashSet<>();
        for (String[] route : EVERY_ROUTE) {
            tried.add(routes.match(route[0], route[1]).route());
        }

        assertThat(tried).containsExactlyInAnyOrderElementsOf(routes.routes());
    }

    @Test
    void everyRouteWithoutCredentialsIsA401WithABasicChallenge() {
        for (String[] route : EVERY_ROUTE) {
            ApiClient.Answer answer = api.client().send(route[0], route[1], route[2], "application/json");

            assertThat(answer.status()).as(route[0] + " " + route[1]).isEqualTo(401);
            assertThat(answer.headers()).containsEntry("WWW-Authenticate", "Basic realm=\"FieldSync Accounting\", charset=\"UTF-8\"");
        }
    }

    @Test
    void theSettingsPagesOwnCallsGetTheir401WithoutTheChallengeThatWouldPopTheBrowsersLoginDialog() {
        ApiClient page = api.client().header("X-Requested-With", "FieldSyncAdminPage");
        ApiClient.Answer anonymous = page.get("/session");
        ApiClient.Answer wrongPassword = page.basic("karaf", "not-karaf").get("/session");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(anonymous.headers()).doesNotContainKey("WWW-Authenticate");
        assertThat(wrongPassword.headers()).doesNotContainKey("WWW-Authenticate");
        assertThat(wrongPassword.message()).isEqualTo("Wrong user name or password");
    }

    @Test
    void aWrongPasswordOrGarbledCredentialsAreA401AndOpenNoSession() {
        ApiClient wrong = api.client().basic("karaf", "not-karaf");
        assertThat(wrong.get("/providers").status()).isEqualTo(401);
        assertThat(wrong.hasSession()).isFalse();

        ApiClient garbled = api.client();
        assertThat(garbled.csrf(null).basic("", "").get("/providers").status()).isEqualTo(401);
    }

    @Test
    void everyRouteForAUserWithoutTheAdminRoleIsA403NamingTheRole() {
        ApiClient viewer = api.client().basic("viewer", "viewer-secret");
        for (String[] route : EVERY_ROUTE) {
            ApiClient.Answer answer = viewer.send(route[0], route[1], route[2], "application/json");

            assertThat(answer.status()).as(route[0] + " " + route[1]).isEqualTo(403);
            assertThat(answer.message()).contains("'viewer'", "'admin' role");
        }
    }

    @Test
    void everyStateChangingRouteWithoutTheCsrfTokenIsA403AndChangesNothing() {
        ApiClient admin = api.admin().csrf(null);
        for (String[] route : EVERY_ROUTE) {
            if (route[0].equals("GET")) {
                continue;
            }
            ApiClient.Answer answer = admin.send(route[0], route[1], route[2], "application/json");

            assertThat(answer.status()).as(route[0] + " " + route[1]).isEqualTo(403);
            assertThat(answer.message()).contains("X-CSRF-Token", "GET /accounting/api/session");
        }
        assertThat(api.engine.providers.provider(ACME).provider()).isEqualTo("xero");
        assertThat(api.engine.setup.settings(ACME).pushInvoicesAs()).isEqualTo(InvoiceStatusOnPush.APPROVED);
        assertThat(api.engine.connections.status(ACME).state()).isEqualTo(io.fieldsync.accounting.api.admin.ConnectionState.CONNECTED);
    }

    @Test
    void aTokenFromAnotherSessionOrAWrongTokenIsRefused() {
        String othersToken = api.admin().get("/session").json().path("csrfToken").asText();
        ApiClient admin = api.admin();

        assertThat(admin.csrf(othersToken).put("/companies/acme/provider", "{\"provider\":\"quickbooks\"}").status()).isEqualTo(403);
        assertThat(admin.csrf("x").put("/companies/acme/provider", "{\"provider\":\"quickbooks\"}").status()).isEqualTo(403);
        assertThat(api.engine.providers.provider(ACME).provider()).isEqualTo("xero");
    }

    @Test
    void basicCredentialsWithoutASessionCannotChangeAnythingEvenWithAToken() {
        String token = api.admin().get("/session").json().path("csrfToken").asText();
        ApiClient sessionless = api.client().basic("karaf", "karaf").csrf(token);

        assertThat(sessionless.put("/companies/acme/provider", "{\"provider\":\"quickbooks\"}").status()).isEqualTo(403);
    }

    @Test
    void theSessionABasicLoginOpenedCarriesLaterCallsWithTheSameTokenThroughout() {
        ApiClient admin = api.admin();
        String token = admin.get("/session").json().path("csrfToken").asText();
        admin.withoutCredentials();

        assertThat(admin.get("/session").json().path("csrfToken").asText()).isEqualTo(token);
        assertThat(admin.put("/companies/acme/provider", "{\"provider\":\"quickbooks\"}").status()).isEqualTo(200);
        assertThat(api.engine.providers.provider(ACME).provider()).isEqualTo("quickbooks");
    }

    @Test
    void anotherUserLoggingInOnTheSameSessionGetsANewSessionAndNoneOfTheFirstOnesToken() {
        ApiClient browser = api.admin();
        String firstToken = browser.get("/session").json().path("csrfToken").asText();

        assertThat(browser.basic("viewer", "viewer-secret").get("/session").status()).isEqualTo(403);
        browser.basic("karaf", "karaf").csrf(firstToken);
        assertThat(browser.put("/companies/acme/provider", "{\"provider\":\"quickbooks\"}").status()).isEqualTo(403);
    }

    @Test
    void aSessionThatExistedBeforeTheLoginGetsANewIdSoAPlantedSessionIdLeadsNowhere() {
        ApiClient planted = api.client().withAnonymousSession();

        assertThat(planted.basic("karaf", "karaf").get("/session").status()).isEqualTo(200);
        assertThat(planted.sessionIdChanges()).isEqualTo(1);
        planted.get("/providers");
        assertThat(planted.sessionIdChanges()).as("the logged-in session keeps its id").isEqualTo(1);
        assertThat(api.admin().sessionIdChanges()).as("a session the login opened is new already").isZero();
    }

    @Test
    void theSessionShowsWhoIsLoggedInWithTheirRolesAndWhereTheTokenGoes() {
        ApiClient.Answer session = api.client().basic("karaf", "karaf").get("/session");

        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().path("user").asText()).isEqualTo("karaf");
        assertThat(session.json().path("roles").toString()).isEqualTo("[\"admin\",\"manager\"]");
        assertThat(session.json().path("csrfHeader").asText()).isEqualTo("X-CSRF-Token");
        assertThat(session.json().path("csrfToken").asText()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(session.headers()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void theOpenApiDocumentIsServedWithoutLoginBecauseItHoldsNoData() {
        ApiClient.Answer document = api.client().get("/openapi.json");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().path("openapi").asText()).isEqualTo("3.0.3");
    }
}
