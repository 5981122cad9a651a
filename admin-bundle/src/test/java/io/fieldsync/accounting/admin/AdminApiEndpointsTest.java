package io.fieldsync.accounting.admin;

import static io.fieldsync.accounting.admin.AdminApiFixture.ACME;
import static io.fieldsync.accounting.engine.Samples.customer;
import static io.fieldsync.accounting.engine.Samples.invoice;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.engine.Samples;
import io.fieldsync.accounting.engine.TestEngine;

/** The endpoints as an admin's page or script uses them, over a real engine. */
class AdminApiEndpointsTest {

    @TempDir
    Path keys;

    private AdminApiFixture api;
    private ApiClient admin;

    @BeforeEach
    void engineWithAConnectedCompany() {
        api = new AdminApiFixture(keys);
        admin = api.admin();
    }

    @AfterEach
    void answersFollowTheDocument() throws Exception {
        api.assertEveryAnswerMatchedTheOpenApiDocument();
        api.close();
    }

    @Test
    void providersListsEveryInstalledProviderWithItsCapabilitiesAndLimits() {
        JsonNode providers = admin.get("/providers").json();

        assertThat(providers.findValuesAsText("id")).containsExactlyInAnyOrder("xero", "quickbooks");
        JsonNode xero = providers.get(0).path("id").asText().equals("xero") ? providers.get(0) : providers.get(1);
        assertThat(xero.path("capabilities").toString()).contains("INVOICES", "PAYMENTS");
        assertThat(xero.path("limits").path("callsPerMinute").asInt()).isEqualTo(api.xero.descriptor().limits().callsPerMinute());
    }

    @Test
    void aProviderPointedAtASandboxSaysSoInTheProvidersAndTheCompanysConnection() {
        api.xero.nonVendor = java.util.List.of("api.url http://localhost:8181/sandbox/xero");

        JsonNode providers = admin.get("/providers").json();
        JsonNode xero = providers.get(0).path("id").asText().equals("xero") ? providers.get(0) : providers.get(1);
        JsonNode quickbooks = providers.get(0) == xero ? providers.get(1) : providers.get(0);

        assertThat(xero.path("nonVendorEndpoints").toString()).contains("http://localhost:8181/sandbox/xero");
        assertThat(quickbooks.path("nonVendorEndpoints").isEmpty()).isTrue();
        assertThat(admin.get("/companies/acme/connection").json().path("nonVendorEndpoints").toString())
                .contains("api.url http://localhost:8181/sandbox/xero");
    }

    @Test
    void aProviderWhoseConfigurationCannotBeUsedSaysWhichPropertyInTheProvidersTheConnectionAndHealth() {
        api.xero.problems = java.util.List.of(io.fieldsync.accounting.api.SyncError.of(
                io.fieldsync.accounting.api.ErrorCode.INVALID_CONFIGURATION,
                "client.secret = ENC(...) cannot be decrypted: no StringEncryptor with alias=accounting"));

        JsonNode providers = admin.get("/providers").json();
        JsonNode xero = providers.get(0).path("id").asText().equals("xero") ? providers.get(0) : providers.get(1);
        JsonNode quickbooks = providers.get(0) == xero ? providers.get(1) : providers.get(0);
        JsonNode connection = admin.get("/companies/acme/connection").json();
        JsonNode health = admin.get("/health").json();

        assertThat(xero.path("configurationProblems").findValuesAsText("code")).containsExactly("INVALID_CONFIGURATION");
        assertThat(xero.path("configurationProblems").findValuesAsText("message")).singleElement().asString().contains("client.secret");
        assertThat(quickbooks.path("configurationProblems").isEmpty()).isTrue();
        assertThat(connection.path("configurationProblems").findValuesAsText("message")).singleElement().asString()
                .contains("client.secret");
        assertThat(health.path("status").asText()).isEqualTo("CRITICAL");
        assertThat(health.path("checks").findValuesAsText("message")).anySatisfy(message -> assertThat(message).contains("client.secret"));
    }

    @Test
    void aCompanysProviderIsReadSwitchedAndItsUnsentDocumentsRebound() {
        assertThat(admin.get("/companies/acme/provider").json().path("provider").asText()).isEqualTo("xero");

        JsonNode switched = admin.put("/companies/acme/provider", "{\"provider\":\"quickbooks\"}").json();

        assertThat(switched.path("provider").asText()).isEqualTo("quickbooks");
        assertThat(switched.path("chosenBy").asText()).isEqualTo("admin API (karaf)");
        assertThat(api.engine.providers.provider(ACME).provider()).isEqualTo("quickbooks");
        assertThat(admin.get("/companies").json().findValuesAsText("company")).contains("acme");
        JsonNode rebind = admin.post("/companies/acme/provider/rebind").json();
        assertThat(rebind.path("provider").asText()).isEqualTo("quickbooks");
        assertThat(rebind.path("moved").isArray()).isTrue();

        JsonNode back = admin.put("/companies/acme/provider", "{\"useDefault\":true}").json();
        assertThat(back.path("provider").asText()).isEqualTo("xero");
        assertThat(back.path("chosen").asBoolean()).isFalse();
    }

    @Test
    void aProviderChoiceThatIsNeitherOrBothOrNoProviderIdIsA400AndChangesNothing() {
        assertThat(admin.put("/companies/acme/provider", "{}").message()).contains("either 'provider'");
        assertThat(admin.put("/companies/acme/provider", "{\"provider\":\"quickbooks\",\"useDefault\":true}").status()).isEqualTo(400);
        ApiClient.Answer garbage = admin.put("/companies/acme/provider", "{\"provider\":\"Xero Ltd!\"}");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().path("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(admin.put("/companies/acme/provider", "{\"provider\":\"quickbooks\",\"by\":\"me\"}").message())
                .contains("by");
        assertThat(api.engine.providers.provider(ACME).provider()).isEqualTo("xero");
    }

    @Test
    void healthIsTheWorstStatusFirstThenEachCheckAndAnExpiredConnectionIsCritical() {
        JsonNode healthy = admin.get("/health").json();
        assertThat(healthy.path("status").asText()).isEqualTo("OK");
        assertThat(healthy.path("checks").findValuesAsText("name")).containsExactly("database", "connection acme/xero");

        api.xero.rejectAccessTokenOnce = true;
        api.xero.refreshFails = new io.fieldsync.accounting.api.AccountingException(io.fieldsync.accounting.api.SyncError.of(
                io.fieldsync.accounting.api.ErrorCode.CONNECTION_EXPIRED, "Xero").withDetail("400 invalid_grant"));
        api.engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        api.engine.drain();

        ApiClient.Answer expired = admin.get("/health");
        assertThat(expired.status()).as("the status is in the body; the API itself works").isEqualTo(200);
        assertThat(expired.json().path("status").asText()).isEqualTo("CRITICAL");
        assertThat(expired.json().path("checks").get(1).path("message").asText()).contains("expired");
    }

    @Test
    void healthWithoutTheEnginesCheckIsA503() {
        api.servlet.health = null;

        ApiClient.Answer answer = admin.get("/health");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().path("error").asText()).isEqualTo("Service Unavailable");
        assertThat(answer.json().path("message").asText()).contains("health check is not available");
    }

    @Test
    void theConnectionShowsProviderOrganisationQueueAndFailures() {
        api.engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        api.engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1"), "drains"));

        JsonNode waiting = admin.get("/companies/acme/connection").json();
        assertThat(waiting.path("connection").path("state").asText()).isEqualTo("CONNECTED");
        assertThat(waiting.path("connection").path("organisationName").asText()).isEqualTo("Demo Plumbing Ltd");
        assertThat(waiting.path("connection").path("connectedSince").asText()).isNotEmpty();
        assertThat(waiting.path("provider").path("provider").asText()).isEqualTo("xero");
        assertThat(waiting.path("queueDepth").asLong()).isEqualTo(2);
        assertThat(waiting.path("nextRetryAt").asText()).as("due now").isEqualTo(api.engine.clock.instant().toString());

        api.engine.drain();

        JsonNode after = admin.get("/companies/acme/connection").json();
        assertThat(after.path("queueDepth").asLong()).isZero();
        assertThat(after.path("failed").asLong()).isEqualTo(1);
        assertThat(after.has("nextRetryAt")).as("nothing queued").isFalse();
    }

    @Test
    void documentsAreFilteredByStatusAndKindAndPaged() {
        api.engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        api.engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1"), "drains"));
        api.engine.sync.paymentCollected(ACME, Samples.payment("P-1", "I-1", "100.00", io.fieldsync.accounting.api.PaymentMethod.CARD));
        api.engine.drain();

        JsonNode failed = admin.get("/companies/acme/documents?status=FAILED").json();
        assertThat(failed.path("total").asLong()).isEqualTo(1);
        assertThat(failed.path("documents").get(0).path("document").path("hostId").asText()).isEqualTo("I-2");
        assertThat(failed.path("documents").get(0).path("error").path("code").asText()).isEqualTo("MAPPING_MISSING");
        assertThat(admin.get("/companies/acme/documents?kind=payment").json().path("total").asLong()).isEqualTo(1);
        assertThat(admin.get("/companies/acme/documents?status=SYNCED,FAILED&kind=INVOICE").json().path("total").asLong()).isEqualTo(2);
        JsonNode page = admin.get("/companies/acme/documents?limit=1&offset=1").json();
        assertThat(page.path("documents").size()).isEqualTo(1);
        assertThat(page.path("total").asLong()).isEqualTo(3);
    }

    @Test
    void badDocumentFiltersAreA400NamingTheParameter() {
        assertThat(admin.get("/companies/acme/documents?status=LOST").message()).contains("'LOST' is not a status", "FAILED");
        assertThat(admin.get("/companies/acme/documents?kind=ESTIMATE").status()).isEqualTo(400);
        assertThat(admin.get("/companies/acme/documents?limit=501").message()).contains("'limit' must be 1-500");
        assertThat(admin.get("/companies/acme/documents?offset=-1").status()).isEqualTo(400);
        assertThat(admin.get("/companies/acme/documents?limit=ten").message()).contains("whole number");
        assertThat(admin.get("/companies/acme/documents?limit=1&limit=2").message()).contains("once");
    }

    @Test
    void documentsAreFoundByTextAndTimeAndEachShowsItsAttemptsAndNextAttempt() {
        Customer harbour = customer("C-9");
        api.engine.sync.invoiceLocked(ACME, invoice("I-1", new Customer("C-9", "Harbour Café", harbour.email(), harbour.phone(),
                harbour.billingAddress())));
        api.engine.clock.advance(java.time.Duration.ofHours(1));
        api.engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1"), "drains"));
        api.engine.drain();

        JsonNode byName = admin.get("/companies/acme/documents?text=harbour%20caf%C3%A9").json();
        assertThat(byName.path("total").asLong()).isEqualTo(1);
        JsonNode row = byName.path("documents").get(0);
        assertThat(row.path("document").path("hostId").asText()).isEqualTo("I-1");
        assertThat(row.path("attempts").asInt()).isEqualTo(1);
        assertThat(row.path("backingOff").asBoolean()).isFalse();
        assertThat(row.has("nextAttemptAt")).as("a synced document has no next attempt").isFalse();
        assertThat(admin.get("/companies/acme/documents?text=DRAINS").json().path("documents").get(0).path("document")
                .path("hostId").asText()).as("by its failure message").isEqualTo("I-2");
        assertThat(admin.get("/companies/acme/documents?text=hostId").json().path("total").asLong()).as("a JSON key").isZero();
        String oneHourIn = TestEngine.START.plus(java.time.Duration.ofHours(1)).toString();
        assertThat(admin.get("/companies/acme/documents?updatedBefore=" + oneHourIn).json().path("documents").get(0)
                .path("document").path("hostId").asText()).isEqualTo("I-1");
        assertThat(admin.get("/companies/acme/documents?updatedFrom=" + oneHourIn + "&kind=INVOICE").json().path("total").asLong())
                .isEqualTo(1);
    }

    @Test
    void badTimeOrTextFiltersAreA400NamingTheParameter() {
        assertThat(admin.get("/companies/acme/documents?updatedFrom=yesterday").message()).contains("'updatedFrom'", "ISO-8601");
        assertThat(admin.get("/companies/acme/documents?updatedBefore=2026-11-02").message()).contains("'updatedBefore'");
        assertThat(admin.get("/companies/acme/documents?updatedFrom=2026-11-02T10:00:00Z&updatedBefore=2026-11-02T09:00:00Z")
                .message()).contains("range is empty");
        assertThat(admin.get("/companies/acme/documents?text=" + "x".repeat(201)).message()).contains("longer than 200");
        assertThat(admin.get("/companies/acme/documents?text=a%00b").message()).contains("control character");
        assertThat(admin.get("/companies/acme/documents?text=a&text=b").message()).contains("once");
    }

    @Test
    void aDocumentBackingOffIsSentNowAndOneNotQueuedIsA409AndAnUnknownOneA404() {
        api.engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        api.xero.nextInvoiceCallFails = new io.fieldsync.accounting.api.AccountingException(
                io.fieldsync.accounting.api.SyncError.of(io.fieldsync.accounting.api.ErrorCode.PROVIDER_UNAVAILABLE, "Xero"));
        api.engine.drain();
        JsonNode waiting = admin.get("/companies/acme/documents?status=PENDING").json().path("documents").get(0);
        assertThat(waiting.path("backingOff").asBoolean()).isTrue();
        assertThat(java.time.Instant.parse(waiting.path("nextAttemptAt").asText())).isAfter(api.engine.clock.instant());

        JsonNode due = admin.post("/companies/acme/documents/INVOICE/I-1/send-now").json();

        assertThat(due.path("backingOff").asBoolean()).isFalse();
        assertThat(due.path("nextAttemptAt").asText()).isEqualTo(api.engine.clock.instant().toString());
        assertThat(due.path("attempts").asInt()).isEqualTo(1);
        api.engine.drain();
        assertThat(api.engine.sync.status(DocumentRef.invoice(ACME, "I-1")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
        ApiClient.Answer notQueued = admin.post("/companies/acme/documents/INVOICE/I-1/send-now");
        assertThat(notQueued.status()).isEqualTo(409);
        assertThat(notQueued.message()).contains("not waiting to be sent", "SYNCED");
        assertThat(admin.post("/companies/acme/documents/INVOICE/NOPE/send-now").status()).isEqualTo(404);
        assertThat(admin.post("/companies/acme/documents/ESTIMATE/I-1/send-now").status()).isEqualTo(400);
    }

    @Test
    void connectAnswersTheConsentUrlAndOnlyTheBrowserThatAskedCompletesIt() throws Exception {
        api.engine.connections.disconnect(ACME);

        ApiClient.Answer first = admin.post("/companies/acme/connection/connect");
        ApiClient.Answer second = admin.post("/companies/acme/connection/connect");

        assertThat(first.status()).isEqualTo(200);
        String cookie = first.headers().get("Set-Cookie");
        assertThat(cookie).startsWith("FieldSyncOAuthBinding=").contains("Path=/accounting", "HttpOnly", "SameSite=Lax", "Expires=");
        assertThat(second.headers().get("Set-Cookie")).as("one secret per session").isEqualTo(cookie);
        String secret = cookie.substring("FieldSyncOAuthBinding=".length(), cookie.indexOf(';'));
        String state = stateOf(first.json().path("authorizationUrl").asText());
        assertThat(first.json().path("provider").asText()).isEqualTo("xero");

        ApiClient other = api.admin();
        String otherSecret = other.post("/companies/acme/connection/connect").headers().get("Set-Cookie");
        assertThat(otherSecret).as("another session, another secret").isNotEqualTo(cookie);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> api.engine.connections.completeAuthorization(
                java.util.Map.of("code", "code-1", "state", state), otherSecret.substring(22, otherSecret.indexOf(';')))))
                .hasMessageContaining("another browser session");

        api.engine.connections.completeAuthorization(java.util.Map.of("code", "code-1", "state", state), secret);
        assertThat(api.engine.connections.status(ACME).state()).isEqualTo(io.fieldsync.accounting.api.admin.ConnectionState.CONNECTED);
    }

    @Test
    void connectingACompanyWithoutAProviderIsA409AndSetsNoCookie() {
        api.engine.use("none");
        ApiClient.Answer refused = admin.post("/companies/nobody/connection/connect");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.headers()).doesNotContainKey("Set-Cookie");
    }

    private static String stateOf(String url) {
        for (String pair : java.net.URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                return java.net.URLDecoder.decode(pair.substring(6), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no state in " + url);
    }

    @Test
    void historicalInvoicesAreRegisteredThenSyncedOnRequestWithProgress() throws Exception {
        JsonNode registered = admin.post("/companies/acme/history/invoices",
                historical(invoice("H-1", customer("C-1")), invoice("H-2", customer("C-2")))).json();

        assertThat(registered.path("registered").asInt()).isEqualTo(2);
        assertThat(registered.path("tickets").get(0).path("status").asText()).isEqualTo("NOT_ATTEMPTED");
        assertThat(registered.path("progress").path("notAttempted").asLong()).isEqualTo(2);
        api.engine.drain();
        assertThat(api.xero.invoicePushes).as("historical invoices wait until asked for").isEmpty();

        JsonNode one = admin.post("/companies/acme/history/sync", "{\"hostInvoiceIds\":[\"H-1\"]}").json();
        assertThat(one.path("queued").asInt()).isEqualTo(1);
        assertThat(one.path("progress").path("queued").asLong()).isEqualTo(1);
        api.engine.drain();
        JsonNode progress = admin.get("/companies/acme/history").json();
        assertThat(progress.path("synced").asLong()).isEqualTo(1);
        assertThat(progress.path("notAttempted").asLong()).isEqualTo(1);

        assertThat(admin.post("/companies/acme/history/sync", "{}").json().path("queued").asInt()).as("the rest").isEqualTo(1);
        api.engine.drain();
        assertThat(admin.get("/companies/acme/history").json().path("synced").asLong()).isEqualTo(2);
    }

    @Test
    void aHistoricalBatchWithOneBadInvoiceIsA400AndStoresNone() throws Exception {
        String good = HISTORY_JSON.writeValueAsString(invoice("H-1", customer("C-1")));
        String overdrawn = HISTORY_JSON.writeValueAsString(invoice("H-2", customer("C-2"))).replace(":85.00", ":-85000000.00");
        String unknownField = good.replaceFirst("\\{", "{\"colour\":\"red\",");

        ApiClient.Answer negative = admin.post("/companies/acme/history/invoices", "{\"invoices\":[" + good + "," + overdrawn + "]}");
        ApiClient.Answer unknown = admin.post("/companies/acme/history/invoices", "{\"invoices\":[" + unknownField + "]}");
        ApiClient.Answer empty = admin.post("/companies/acme/history/invoices", "{\"invoices\":[]}");
        ApiClient.Answer blankId = admin.post("/companies/acme/history/sync", "{\"hostInvoiceIds\":[\" \"]}");

        assertThat(negative.status()).as(negative.body()).isEqualTo(400);
        assertThat(unknown.message()).contains("colour");
        assertThat(empty.message()).contains("at least one");
        assertThat(blankId.message()).contains("hostInvoiceIds[0]");
        assertThat(api.engine.sync.documents(io.fieldsync.accounting.api.DocumentQuery.byStatus(ACME)).total()).as("nothing stored").isZero();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper HISTORY_JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.MapperFeature.AUTO_DETECT_IS_GETTERS).build();

    private static String historical(io.fieldsync.accounting.api.Invoice... invoices) throws Exception {
        return HISTORY_JSON.writeValueAsString(java.util.Map.of("invoices", List.of(invoices)));
    }

    @Test
    void customersAreImportedWithADecisionAndReasonPerContactAndCounts() throws Exception {
        api.xero.remoteContacts.addAll(List.of(
                new io.fieldsync.accounting.api.spi.RemoteContact("r-1", " harbour CAFE ", "cafe@example.com", true),
                new io.fieldsync.accounting.api.spi.RemoteContact("r-2", "Old Customer", null, false),
                new io.fieldsync.accounting.api.spi.RemoteContact("r-3", "Walk-in Only", null, true)));
        Customer cafe = new Customer("C-7", "Harbour Cafe", null, null, null);

        JsonNode report = admin.post("/companies/acme/import/customers",
                HISTORY_JSON.writeValueAsString(java.util.Map.of("customers", List.of(cafe, customer("C-8"))))).json();

        assertThat(report.path("counts").path("MAPPED").asLong()).isEqualTo(1);
        assertThat(report.path("counts").path("CREATE_IN_HOST").asLong()).isEqualTo(1);
        assertThat(report.path("counts").path("IGNORED").asLong()).isEqualTo(1);
        assertThat(report.path("contacts").get(0).path("hostCustomerId").asText()).isEqualTo("C-7");
        assertThat(report.path("contacts").get(0).path("reason").asText()).isNotBlank();
        assertThat(report.path("hostCustomersWithoutContact").get(0).asText()).isEqualTo("C-8");
        assertThat(admin.post("/companies/acme/import/customers", "{}").message()).contains("customers");
        assertThat(admin.post("/companies/acme/import/customers", "{\"customers\":[{\"name\":\"No id\"}]}").status()).isEqualTo(400);
    }

    @Test
    void theAdminDecidesEachRowOfACustomerImportAndABadRowIsA400NamingItWithNothingApplied() throws Exception {
        api.xero.remoteContacts.addAll(List.of(
                new io.fieldsync.accounting.api.spi.RemoteContact("r-1", "Harbour Cafe Ltd (old name)", "hello@harbour.example", true),
                new io.fieldsync.accounting.api.spi.RemoteContact("r-2", "Quay Cafe", "hello@quay.example", true)));
        Customer cafe = new Customer("C-7", "Harbour Cafe", null, null, null);
        String choices = "[{\"remoteContactId\":\"r-1\",\"hostCustomerId\":\"C-7\",\"decision\":\"MAPPED\"},"
                + "{\"remoteContactId\":\"r-2\",\"hostCustomerId\":null,\"decision\":\"CREATE_IN_HOST\"},"
                + "{\"remoteContactId\":null,\"hostCustomerId\":\"C-8\",\"decision\":\"CREATE_IN_ACCOUNTING_SYSTEM\"}]";
        String customers = HISTORY_JSON.writeValueAsString(List.of(cafe, customer("C-8")));

        ApiClient.Answer bad = admin.post("/companies/acme/import/customers/choices", "{\"customers\":" + customers + ",\"choices\":"
                + choices.replace("\"r-2\"", "\"r-404\"") + "}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.message()).contains("choices[1].remoteContactId");
        assertThat(api.engine.stores.customerLinks().find(ACME, "xero", "C-7")).as("nothing applied").isEmpty();

        JsonNode report = admin.post("/companies/acme/import/customers/choices",
                "{\"customers\":" + customers + ",\"choices\":" + choices + "}").json();

        assertThat(report.path("counts").path("MAPPED").asLong()).isEqualTo(1);
        assertThat(report.path("counts").path("CREATE_IN_HOST").asLong()).isEqualTo(1);
        assertThat(report.path("counts").path("CREATE_IN_ACCOUNTING_SYSTEM").asLong()).isEqualTo(1);
        assertThat(report.path("contacts").get(1).path("email").asText()).isEqualTo("hello@quay.example");
        assertThat(report.path("hostCustomersWithoutContact").toString()).isEqualTo("[\"C-8\"]");
        assertThat(api.engine.stores.customerLinks().find(ACME, "xero", "C-7").orElseThrow().remoteId()).isEqualTo("r-1");
        assertThat(admin.post("/companies/acme/import/customers/choices", "{\"customers\":[]}").message()).contains("choices");
        assertThat(admin.post("/companies/acme/import/customers/choices",
                "{\"customers\":[],\"choices\":[{\"remoteContactId\":\"r-1\",\"hostCustomerId\":null,\"decision\":\"MAYBE\"}]}").status())
                .isEqualTo(400);
    }

    @Test
    void taxRateRowsAreLinkedByHandOrIgnoredAndTheAnswerIsTheMappingsWithTheirGaps() {
        ApiClient.Answer bad = admin.post("/companies/acme/import/reference/choices", "{\"choices\":["
                + "{\"kind\":\"TAX_RATE\",\"hostValue\":\"PST\",\"remoteKey\":\"OUTPUT2\",\"decision\":\"MAPPED\"},"
                + "{\"kind\":\"TAX_RATE\",\"hostValue\":\"HST\",\"remoteKey\":\"NOPE\",\"decision\":\"MAPPED\"}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.message()).contains("choices[1].remoteKey").contains("no active tax rate");
        assertThat(api.engine.setup.mappings(ACME).taxRateFor("PST")).as("nothing applied").isEmpty();

        JsonNode saved = admin.post("/companies/acme/import/reference/choices", "{\"choices\":["
                + "{\"kind\":\"TAX_RATE\",\"hostValue\":\"PST\",\"remoteKey\":\"OUTPUT2\",\"decision\":\"MAPPED\"},"
                + "{\"kind\":\"TAX_RATE\",\"hostValue\":\"GST\",\"remoteKey\":null,\"decision\":\"IGNORED\"}]}").json();

        assertThat(saved.path("mappings").path("taxRateByHostTaxRate").toString()).isEqualTo("{\"PST\":\"OUTPUT2\"}");
        assertThat(saved.has("gaps")).isTrue();
        assertThat(api.engine.setup.mappings(ACME).taxRateFor("PST")).contains("OUTPUT2");
        assertThat(admin.post("/companies/acme/import/reference/choices", "{\"choices\":[{\"kind\":\"ACCOUNT\",\"hostValue\":\"x\","
                + "\"remoteKey\":null,\"decision\":\"IGNORED\"}]}").message()).contains("kind");
    }

    @Test
    void anUnmappedCategoryFailsIsMappedThroughTheApiThenRetriedAndSynced() {
        api.engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1"), "drains"));
        api.engine.drain();
        JsonNode gaps = admin.get("/companies/acme/mappings?category=drains").json();
        assertThat(gaps.path("complete").asBoolean()).isFalse();
        assertThat(gapFor(gaps, "Category drains")).contains("not mapped");

        Mappings current = api.engine.setup.mappings(ACME);
        java.util.Map<String, String> revenue = new java.util.HashMap<>(current.revenueAccountByCategory());
        revenue.put("drains", "230");
        JsonNode saved = admin.put("/companies/acme/mappings", mappingsJson(revenue)).json();
        assertThat(saved.path("mappings").path("revenueAccountByCategory").path("drains").asText()).isEqualTo("230");
        assertThat(gapFor(saved, "Category drains")).isEmpty();
        assertThat(admin.put("/companies/acme/mappings", mappingsJson(java.util.Map.of("labour", "999"))).json()
                .path("gaps").toString()).contains("account 999").contains("Category Materials");
        admin.put("/companies/acme/mappings", mappingsJson(revenue));

        JsonNode ticket = admin.post("/companies/acme/documents/INVOICE/I-2/retry").json();
        assertThat(ticket.path("status").asText()).isEqualTo("PENDING");
        api.engine.drain();
        assertThat(api.engine.sync.status(DocumentRef.invoice(ACME, "I-2")).orElseThrow()).satisfies(status -> assertThat(status.status()).as(String.valueOf(status.error())).isEqualTo(SyncStatus.SYNCED));
    }

    @Test
    void retryingAllFailedSaysHowManyAndAnUnknownDocumentIsA404() {
        api.engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1"), "drains"));
        api.engine.sync.invoiceLocked(ACME, invoice("I-3", customer("C-1"), "drains"));
        api.engine.drain();

        assertThat(admin.post("/companies/acme/documents/retry-failed").json().path("retried").asInt()).isEqualTo(2);
        assertThat(admin.post("/companies/acme/documents/INVOICE/NOPE/retry").status()).isEqualTo(404);
        assertThat(admin.post("/companies/acme/documents/ESTIMATE/I-2/retry").status()).isEqualTo(400);
    }

    @Test
    void retryingADocumentThatIsNotFailedIsA409SayingWhereItStandsNotA404() {
        api.engine.sync.invoiceLocked(ACME, invoice("I-4", customer("C-1")));
        api.engine.drain();
        assertThat(api.engine.sync.status(DocumentRef.invoice(ACME, "I-4")).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);

        ApiClient.Answer refused = admin.post("/companies/acme/documents/INVOICE/I-4/retry");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("is SYNCED");
    }

    @Test
    void malformedOrIncompleteMappingsAreA400NamingTheFaultAndNothingIsSaved() {
        Mappings before = api.engine.setup.mappings(ACME);

        assertThat(admin.put("/companies/acme/mappings", "{\"revenueAccountByCategory\": {").message()).startsWith("Malformed JSON");
        assertThat(admin.put("/companies/acme/mappings", "{\"revenueAccountByCategory\":{}}").message())
                .contains("itemByCategory");
        assertThat(admin.put("/companies/acme/mappings", mappingsJson(java.util.Map.of("labour", " "))).message())
                .contains("revenueAccountByCategory.labour");
        assertThat(admin.put("/companies/acme/mappings", mappingsJson(java.util.Map.of("labour", "200"))
                .replace("\"depositAccountByMethod\":{}", "\"depositAccountByMethod\":{\"BITCOIN\":\"1\"}")).message())
                .contains("depositAccountByMethod");
        assertThat(admin.send("PUT", "/companies/acme/mappings", "revenue=1", "application/x-www-form-urlencoded").status())
                .isEqualTo(415);
        assertThat(admin.send("PUT", "/companies/acme/mappings", "", "application/json").message()).contains("empty");
        assertThat(api.engine.setup.mappings(ACME)).isEqualTo(before);
    }

    @Test
    void settingsAreReadAndReplacedWholeAndAPartialOrWrongBodyIsRefused() {
        assertThat(admin.get("/companies/acme/settings").json().path("pushInvoicesAs").asText()).isEqualTo("APPROVED");

        JsonNode saved = admin.put("/companies/acme/settings",
                "{\"pushInvoicesAs\":\"DRAFT\",\"keepHostInvoiceNumbers\":false,\"twoWayNameSync\":true,"
                        + "\"autoSyncInvoices\":true,\"autoSyncPayments\":true,\"pollingIntervalMinutes\":null}").json();

        assertThat(saved.path("pushInvoicesAs").asText()).isEqualTo("DRAFT");
        assertThat(api.engine.setup.settings(ACME).pushInvoicesAs()).isEqualTo(InvoiceStatusOnPush.DRAFT);
        assertThat(admin.put("/companies/acme/settings", "{\"pushInvoicesAs\":\"APPROVED\"}").message()).contains("keepHostInvoiceNumbers");
        assertThat(admin.put("/companies/acme/settings", "{\"pushInvoicesAs\":\"DRAFT\",\"keepHostInvoiceNumbers\":false,\"twoWayNameSync\":true}").message())
                .as("a PUT replaces the whole resource").contains("autoSyncInvoices");
        assertThat(admin.put("/companies/acme/settings",
                "{\"pushInvoicesAs\":\"SENT\",\"keepHostInvoiceNumbers\":false,\"twoWayNameSync\":true}").message()).contains("pushInvoicesAs");
        assertThat(admin.put("/companies/acme/settings",
                "{\"pushInvoicesAs\":\"APPROVED\",\"keepHostInvoiceNumbers\":\"yes\",\"twoWayNameSync\":true}").message())
                .contains("keepHostInvoiceNumbers");
        assertThat(api.engine.setup.settings(ACME).pushInvoicesAs()).isEqualTo(InvoiceStatusOnPush.DRAFT);
    }

    @Test
    void mappingsHaveNoTaxLiabilityAccountForNoVendorTakesOneAndAPutNamingOneIsA400() {
        assertThat(admin.get("/companies/acme/mappings").json().path("mappings").has("taxLiabilityAccount")).isFalse();

        ApiClient.Answer refused = admin.put("/companies/acme/mappings", mappingsJson(java.util.Map.of("Labour", "200"))
                .replace("\"depositAccount\":", "\"taxLiabilityAccount\":\"820\",\"depositAccount\":"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("taxLiabilityAccount");
    }

    @Test
    void theAutoSyncSwitchesAndThePollingIntervalAreReadAndSavedAndAnIntervalOutOfBoundsIsA400NamingIt() {
        JsonNode defaults = admin.get("/companies/acme/settings").json();
        assertThat(defaults.path("autoSyncInvoices").asBoolean()).isTrue();
        assertThat(defaults.path("autoSyncPayments").asBoolean()).isTrue();
        assertThat(defaults.has("pollingIntervalMinutes")).as("shown as null, so the answer can be PUT back").isTrue();
        assertThat(defaults.path("pollingIntervalMinutes").isNull()).isTrue();

        JsonNode saved = admin.put("/companies/acme/settings", "{\"pushInvoicesAs\":\"APPROVED\",\"keepHostInvoiceNumbers\":true,"
                + "\"twoWayNameSync\":false,\"autoSyncInvoices\":false,\"autoSyncPayments\":true,\"pollingIntervalMinutes\":30}").json();

        assertThat(saved.path("autoSyncInvoices").asBoolean()).isFalse();
        assertThat(saved.path("pollingIntervalMinutes").asInt()).isEqualTo(30);
        assertThat(api.engine.setup.settings(ACME).autoSyncInvoices()).isFalse();
        ApiClient.Answer tooOften = admin.put("/companies/acme/settings", "{\"pushInvoicesAs\":\"APPROVED\",\"keepHostInvoiceNumbers\":true,"
                + "\"twoWayNameSync\":false,\"autoSyncInvoices\":true,\"autoSyncPayments\":true,\"pollingIntervalMinutes\":1}");
        assertThat(tooOften.status()).isEqualTo(400);
        assertThat(tooOften.message()).contains("pollingIntervalMinutes").contains("5 to 1440");
        assertThat(api.engine.setup.settings(ACME).pollingIntervalMinutes()).as("nothing applied").isEqualTo(30);
    }

    @Test
    void aCompanyIdTheApiCannotTakeIsA400AndAnUnknownRouteA404AndAWrongMethodA405() {
        assertThat(admin.get("/companies/%20acme/settings").status()).isEqualTo(400);
        assertThat(admin.get("/companies/acme/nothing").status()).isEqualTo(404);
        ApiClient.Answer wrongMethod = admin.send("DELETE", "/companies/acme/settings", null, null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers()).containsEntry("Allow", "GET, PUT");
    }

    @Test
    void referenceDataIsReadAndRefreshedForTheMappingDropdowns() {
        JsonNode data = admin.get("/companies/acme/reference-data").json();
        assertThat(data.path("accounts").findValuesAsText("code")).contains("200", "090");
        assertThat(data.path("taxRates").findValuesAsText("code")).containsExactly("OUTPUT2");

        api.engine.clock.advance(java.time.Duration.ofMinutes(5));
        JsonNode refreshed = admin.post("/companies/acme/reference-data/refresh").json();
        assertThat(java.time.Instant.parse(refreshed.path("fetchedAt").asText())).isAfter(java.time.Instant.parse(data.path("fetchedAt").asText()));
    }

    @Test
    void theOrganisationIsPickedAmongThoseOfferedAndTheCompanyDisconnected() {
        io.fieldsync.accounting.api.CompanyId group = io.fieldsync.accounting.api.CompanyId.of("group");
        api.xero.organisations = java.util.List.of(new io.fieldsync.accounting.api.admin.Organisation("t-north", "North Ltd"),
                new io.fieldsync.accounting.api.admin.Organisation("t-south", "South Ltd"));
        api.engine.connect(group);
        JsonNode choosing = admin.get("/companies/group/connection").json().path("connection");
        assertThat(choosing.path("state").asText()).isEqualTo("CHOOSING_ORGANISATION");
        assertThat(choosing.path("organisations").findValuesAsText("name")).containsExactly("North Ltd", "South Ltd");

        assertThat(admin.put("/companies/group/connection/organisation", "{\"tenantId\":\" \"}").message()).contains("tenantId");
        assertThat(admin.put("/companies/group/connection/organisation", "{\"tenantId\":\"t-west\"}").status()).isEqualTo(400);
        assertThat(admin.put("/companies/group/connection/organisation", "{\"tenantId\":\"t-south\"}").json()
                .path("organisationName").asText()).isEqualTo("South Ltd");

        JsonNode disconnected = admin.post("/companies/acme/connection/disconnect").json();

        assertThat(disconnected.path("state").asText()).isEqualTo("NOT_CONNECTED");
        assertThat(api.engine.connections.status(ACME).state()).isEqualTo(io.fieldsync.accounting.api.admin.ConnectionState.NOT_CONNECTED);
        ApiClient.Answer cannot = admin.post("/companies/acme/reference-data/refresh");
        assertThat(cannot.status()).as(cannot.body()).isEqualTo(409);
        assertThat(cannot.json().path("code").asText()).isNotEmpty();
    }

    @Test
    void theSyncLogIsFilteredByDocumentAndExportedAsCsv() {
        api.engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        api.engine.drain();
        api.engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));
        api.engine.drain();

        JsonNode all = admin.get("/companies/acme/sync-log").json();
        assertThat(all.size()).isGreaterThanOrEqualTo(2);
        JsonNode one = admin.get("/companies/acme/sync-log?kind=INVOICE&hostId=I-2").json();
        assertThat(one.size()).isGreaterThanOrEqualTo(1);
        assertThat(one.findValuesAsText("hostId")).containsOnly("I-2");
        assertThat(one.get(0).path("durationMillis").isIntegralNumber()).isTrue();

        ApiClient.Answer csv = admin.get("/companies/acme/sync-log.csv?kind=INVOICE&hostId=I-2");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("Content-Type")).isEqualTo("text/csv");
        assertThat(csv.headers().get("Content-Disposition")).isEqualTo("attachment; filename=\"sync-log-acme.csv\"");
        java.util.List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("at,provider,operation,http_status,duration_ms,kind,host_id,vendor_error,carried");
        assertThat(lines).hasSize(one.size() + 1);
        assertThat(lines.get(1)).contains(",xero,", ",INVOICE,I-2,");
    }

    @Test
    void aBatchedCallIsFoundFromEachDocumentItCarriedInTheJsonAndTheCsv() {
        api.xero.metered = true;
        api.engine.sync.invoiceLocked(ACME, invoice("I-1", customer("C-1")));
        api.engine.sync.invoiceLocked(ACME, invoice("I-2", customer("C-1")));
        api.engine.sync.invoiceLocked(ACME, invoice("I-3", customer("C-1")));
        api.engine.drain();

        for (String hostId : java.util.List.of("I-1", "I-2", "I-3")) {
            JsonNode calls = admin.get("/companies/acme/sync-log?kind=INVOICE&hostId=" + hostId).json();
            java.util.List<JsonNode> batched = new java.util.ArrayList<>();
            calls.forEach(call -> {
                if (call.path("operation").asText().equals("invoices")) {
                    batched.add(call);
                }
            });
            assertThat(batched).as("the one batched call, found from %s", hostId).singleElement().satisfies(call -> {
                assertThat(call.path("document").isObject()).as("logged about no single document").isFalse();
                assertThat(call.path("carried").findValuesAsText("hostId")).containsExactly("I-1", "I-2", "I-3");
            });

            java.util.List<String> csv = admin.get("/companies/acme/sync-log.csv?kind=INVOICE&hostId=" + hostId).body().lines().toList();
            assertThat(csv).filteredOn(line -> line.contains(",invoices,")).singleElement()
                    .satisfies(line -> assertThat(line).endsWith(",,,,INVOICE/I-1; INVOICE/I-2; INVOICE/I-3"));
        }
        JsonNode unrelated = admin.get("/companies/acme/sync-log?kind=INVOICE&hostId=I-4").json();
        assertThat(unrelated.size()).isZero();
    }

    @Test
    void theCarriedColumnKeepsTheCsvRules() {
        SyncLogLine line = new SyncLogLine(java.time.Instant.parse("2026-11-02T09:00:00Z"), "xero", "PUT /Invoices", 200, 90, null, null,
                java.util.List.of(DocumentRef.invoice(ACME, "=1+1"), DocumentRef.invoice(ACME, "I,\"2\"")));

        assertThat(line.csv()).isEqualTo("2026-11-02T09:00:00Z,xero,PUT /Invoices,200,90,,,,\"INVOICE/=1+1; INVOICE/I,\"\"2\"\"\"");
    }

    @Test
    void aCsvFieldIsQuotedWhereItMustBeAndAFormulaIsDefused() {
        SyncLogLine line = new SyncLogLine(java.time.Instant.parse("2026-11-02T09:00:00Z"), "xero", "POST Invoices", 400, 120,
                DocumentRef.invoice(ACME, "I,1"), "=HYPERLINK(\"x\") said \"no\"\nagain");

        assertThat(line.csv()).isEqualTo("2026-11-02T09:00:00Z,xero,POST Invoices,400,120,INVOICE,\"I,1\","
                + "\"'=HYPERLINK(\"\"x\"\") said \"\"no\"\"\nagain\",");
    }

    @Test
    void badSyncLogFiltersAreA400() {
        assertThat(admin.get("/companies/acme/sync-log?kind=INVOICE").message()).contains("'kind' and 'hostId'");
        assertThat(admin.get("/companies/acme/sync-log?errorsOnly=yes").message()).contains("true or false");
        assertThat(admin.get("/companies/acme/sync-log?since=yesterday").message()).contains("ISO-8601");
        assertThat(admin.get("/companies/acme/sync-log.csv?limit=0").status()).isEqualTo(400);
    }

    private static String gapFor(JsonNode answer, String subject) {
        for (JsonNode gap : answer.path("gaps")) {
            if (gap.path("subject").asText().equals(subject)) {
                return gap.path("message").asText();
            }
        }
        return "";
    }

    private static String mappingsJson(java.util.Map<String, String> revenue) {
        StringBuilder json = new StringBuilder("{\"revenueAccountByCategory\":{");
        json.append(String.join(",", revenue.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").toList()));
        json.append("},\"itemByCategory\":{},\"taxRateByHostTaxRate\":{\"GST\":\"OUTPUT2\"},\"salesAccount\":null,")
                .append("\"depositAccount\":\"090\",\"depositAccountByMethod\":{}}");
        return json.toString();
    }
}
