package io.fieldsync.accounting.admin;

import static io.fieldsync.accounting.engine.Samples.customer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.spi.RemoteContact;

/** An import started over REST runs as a job: 202 and its URL at once, its progress and at the end its report. */
class ImportJobsApiTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    /** As a host's script writes its customers (an {@code isX} getter is not a field of theirs). */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .disable(com.fasterxml.jackson.databind.MapperFeature.AUTO_DETECT_IS_GETTERS).build();

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
    void aTaxRateImportAnswers202WithTheJobsUrlThenShowsItsProgressAndAtTheEndEachRowWithItsLinks() {
        ApiClient.Answer started = admin.post("/companies/acme/imports", "{\"kind\":\"tax-rates\",\"choices\":["
                + "{\"hostValue\":\"PST\",\"remoteKey\":\"OUTPUT2\",\"decision\":\"MAPPED\"}]}");

        assertThat(started.status()).isEqualTo(202);
        String url = started.json().path("url").asText();
        assertThat(url).startsWith("/accounting/api/companies/acme/imports/");
        assertThat(started.headers().get("Location")).isEqualTo(url);
        assertThat(started.json().path("state").asText()).isEqualTo("QUEUED");
        String path = url.substring("/accounting/api".length());
        assertThat(admin.get(path).json().path("state").asText()).as("not run yet").isEqualTo("QUEUED");
        assertThat(api.engine.setup.mappings(ACME).taxRateFor("PST")).as("nothing applied before the job runs").isEmpty();

        api.runImports();

        JsonNode done = admin.get(path).json();
        assertThat(done.path("state").asText()).isEqualTo("DONE");
        assertThat(done.path("kind").asText()).isEqualTo("tax-rates");
        assertThat(done.path("startedBy").asText()).isEqualTo("karaf");
        assertThat(done.path("progress").path("rowsRead").asLong()).isEqualTo(1);
        assertThat(done.path("progress").path("decided").asLong()).isEqualTo(1);
        assertThat(done.path("progress").path("matched").asLong()).isEqualTo(1);
        assertThat(done.path("progress").path("failed").asLong()).isZero();
        assertThat(done.path("steps").get(0).asText()).contains("reading");
        JsonNode row = done.path("result").path("taxRates").get(0);
        assertThat(row.path("key").asText()).isEqualTo("OUTPUT2");
        assertThat(row.path("linkedHostValues").toString()).contains("\"PST\"");
        assertThat(done.path("result").path("items").isEmpty()).as("a tax-rate import shows no items").isTrue();
        assertThat(api.engine.setup.mappings(ACME).taxRateFor("PST")).contains("OUTPUT2");
    }

    @Test
    void anItemImportLinksACategoryAndListsTheCompanysImportsNewestFirst() {
        String first = admin.post("/companies/acme/imports", "{\"kind\":\"items\"}").json().path("id").asText();
        api.runImports();
        String second = admin.post("/companies/acme/imports", "{\"kind\":\"items\",\"choices\":["
                + "{\"kind\":\"ITEM\",\"hostValue\":\"Materials\",\"remoteKey\":\"PIPE\",\"decision\":\"MAPPED\"}]}").json().path("id").asText();
        api.runImports();

        JsonNode done = admin.get("/companies/acme/imports/" + second).json();
        assertThat(done.path("result").path("items").get(0).path("linkedHostValues").toString()).isEqualTo("[\"Materials\"]");
        assertThat(done.path("result").path("taxRates").isEmpty()).isTrue();
        assertThat(done.path("progress").path("rowsRead").asLong()).isEqualTo(1);
        assertThat(api.engine.setup.mappings(ACME).itemByCategory()).containsEntry("Materials", "PIPE");
        assertThat(admin.get("/companies/acme/imports").json().findValuesAsText("id")).containsExactly(second, first);
    }

    @Test
    void aCustomerImportPairsByNameAndCountsWhatItDecided() throws Exception {
        api.xero.remoteContacts.addAll(List.of(new RemoteContact("r-1", " harbour CAFE ", "cafe@example.com", true),
                new RemoteContact("r-2", "Old Customer", null, false), new RemoteContact("r-3", "Walk-in Only", null, true)));
        Customer cafe = new Customer("C-7", "Harbour Cafe", null, null, null);

        String url = admin.post("/companies/acme/imports", JSON.writeValueAsString(Map.of("kind", "customers",
                "customers", List.of(cafe, customer("C-8"))))).json().path("url").asText();
        api.runImports();

        JsonNode done = admin.get(url.substring("/accounting/api".length())).json();
        assertThat(done.path("state").asText()).isEqualTo("DONE");
        assertThat(done.path("progress").path("rowsRead").asLong()).isEqualTo(3);
        assertThat(done.path("progress").path("matched").asLong()).isEqualTo(1);
        assertThat(done.path("progress").path("created").asLong()).as("one contact offered to the host").isEqualTo(1);
        assertThat(done.path("result").path("counts").path("IGNORED").asLong()).isEqualTo(1);
        assertThat(done.path("result").path("hostCustomersWithoutContact").toString()).isEqualTo("[\"C-8\"]");
    }

    @Test
    void theAdminsDecisionsOnCustomerRowsAreAppliedByTheJob() throws Exception {
        api.xero.remoteContacts.add(new RemoteContact("r-1", "Harbour Cafe Ltd (old name)", null, true));
        Customer cafe = new Customer("C-7", "Harbour Cafe", null, null, null);

        String id = admin.post("/companies/acme/imports", JSON.writeValueAsString(Map.of("kind", "customers",
                "customers", List.of(cafe), "choices", List.of(Map.of("remoteContactId", "r-1", "hostCustomerId", "C-7",
                        "decision", "MAPPED"))))).json().path("id").asText();
        api.runImports();

        JsonNode done = admin.get("/companies/acme/imports/" + id).json();
        assertThat(done.path("result").path("counts").path("MAPPED").asLong()).isEqualTo(1);
        assertThat(api.engine.stores.customerLinks().find(ACME, "xero", "C-7").orElseThrow().remoteId()).isEqualTo("r-1");
    }

    @Test
    void aRowTheEngineRefusesFailsTheJobNamingTheRowAndNothingIsApplied() {
        String id = admin.post("/companies/acme/imports", "{\"kind\":\"tax-rates\",\"choices\":["
                + "{\"hostValue\":\"PST\",\"remoteKey\":\"OUTPUT2\",\"decision\":\"MAPPED\"},"
                + "{\"hostValue\":\"HST\",\"remoteKey\":\"NOPE\",\"decision\":\"MAPPED\"}]}").json().path("id").asText();
        api.runImports();

        JsonNode failed = admin.get("/companies/acme/imports/" + id).json();
        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("error").path("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(failed.path("error").path("message").asText()).contains("choices[1].remoteKey");
        assertThat(failed.path("progress").path("failed").asLong()).isEqualTo(2);
        assertThat(failed.has("result")).isFalse();
        assertThat(api.engine.setup.mappings(ACME).taxRateFor("PST")).as("nothing applied").isEmpty();
    }

    @Test
    void aSecondImportOfACompanyWhileOneIsUnfinishedIsA409NamingTheRunningJob() {
        String running = admin.post("/companies/acme/imports", "{\"kind\":\"items\"}").json().path("id").asText();

        ApiClient.Answer second = admin.post("/companies/acme/imports", "{\"kind\":\"tax-rates\"}");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.message()).contains(running).contains("already running");
        api.runImports();
        assertThat(admin.post("/companies/acme/imports", "{\"kind\":\"tax-rates\"}").status()).as("once it finished").isEqualTo(202);
    }

    @Test
    void malformedImportsAreA400NamingTheFieldAndStartNothing() {
        assertThat(admin.post("/companies/acme/imports", "{\"kind\":\"accounts\"}").message())
                .contains("'kind'").contains("customers, tax-rates, items, tax-rates-and-items");
        assertThat(admin.post("/companies/acme/imports", "{}").message()).contains("'kind'");
        assertThat(admin.post("/companies/acme/imports", "{\"kind\":\"customers\"}").message()).contains("'customers'");
        assertThat(admin.post("/companies/acme/imports", "{\"kind\":\"customers\",\"customers\":[null]}").message())
                .contains("customers[0]");
        assertThat(admin.post("/companies/acme/imports", "{\"kind\":\"customers\",\"customers\":[{\"name\":\"No id\"}]}").status())
                .isEqualTo(400);
        assertThat(admin.post("/companies/acme/imports", "{\"kind\":\"tax-rates\",\"choices\":[{\"kind\":\"ITEM\","
                + "\"hostValue\":\"Materials\",\"remoteKey\":\"PIPE\",\"decision\":\"MAPPED\"}]}").message()).contains("choices[0].kind");
        assertThat(admin.post("/companies/acme/imports", "{\"kind\":\"items\",\"choices\":[{\"hostValue\":\"Materials\","
                + "\"remoteKey\":\"PIPE\",\"decision\":\"PERHAPS\"}]}").message()).contains("choices[0]");
        assertThat(admin.post("/companies/acme/imports", "{\"kind\":\"items\",\"choices\":[null]}").message()).contains("choices[0]");
        assertThat(admin.post("/companies/acme/imports", "{\"kind\":\"items\",\"customers\":[]}").message())
                .contains("'customers'").contains("only");
        assertThat(admin.post("/companies/acme/imports", "{\"kind\":").status()).isEqualTo(400);
        assertThat(api.queuedImports).as("nothing started").isEmpty();
        assertThat(admin.get("/companies/acme/imports").json().isEmpty()).isTrue();
    }

    @Test
    void anUnknownJobOrAnotherCompanysIsA404() {
        String id = admin.post("/companies/acme/imports", "{\"kind\":\"items\"}").json().path("id").asText();

        assertThat(admin.get("/companies/acme/imports/no-such-job").status()).isEqualTo(404);
        ApiClient.Answer elsewhere = admin.get("/companies/globex/imports/" + id);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.message()).contains("No import").doesNotContain("acme");
    }
}
