package io.fieldsync.accounting.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The {@code accounting} feature in one real Karaf, with the test providers {@code alpha} and
 * {@code beta}: installation, provider switching (Config Admin and shell) and provider bundles going
 * away and coming back. Each test picks the provider it needs and uses its own company.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccountingFeatureIT extends AccountingTestSupport {

    private static final String OUR_BUNDLES = "io.fieldsync.accounting";

    @Configuration
    public Option[] configuration() {
        // etc/users.properties stays as Karaf ships it (Pax Exam's editing would drop its comments): the admin API
        // tests take the README's step on it (usersOfTheReadmeStep)
        return KarafOptions.freshKaraf("accounting");
    }

    /**
     * The README's documented step, done to the file Karaf 4.4.10 ships: uncomment the karaf user and its admingroup;
     * and a user without the admin role. Karaf's PropertiesLoginModule reads the file at every login, so no restart.
     */
    private static synchronized void readmeStepEnablesKarafAdmin() throws IOException {
        Path users = Path.of(System.getProperty("karaf.etc"), "users.properties");
        String text = Files.readString(users, StandardCharsets.ISO_8859_1);
        String enabled = text.replace("#karaf = karaf,_g_:admingroup", "karaf = karaf,_g_:admingroup")
                .replace("#_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh",
                        "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh");
        assertThat(enabled).contains("\nkaraf = karaf,_g_:admingroup", "\n_g_\\:admingroup = group,admin");
        if (!enabled.contains("\nviewer = ")) {
            enabled = enabled + "\nviewer = viewer-secret,viewer\n";
        }
        if (!enabled.equals(text)) {
            Files.writeString(users, enabled, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    public void theAdminApiAnswersAKarafAdminOfTheJaasRealmAndNobodyElse() throws Exception {
        readmeStepEnablesKarafAdmin();
        AdminApiCaller anonymous = new AdminApiCaller(httpPort());
        HttpResponse<String> unauthenticated = anonymous.get("/providers", null);
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Basic realm="));
        assertThat(anonymous.get("/providers", AdminApiCaller.basic("karaf", "wrong")).statusCode()).isEqualTo(401);
        HttpResponse<String> viewer = anonymous.get("/providers", AdminApiCaller.basic("viewer", "viewer-secret"));
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(viewer.body()).contains("'admin' role");

        awaitProvider("xero", true);
        awaitProvider("quickbooks", true);
        HttpResponse<String> providers = anonymous.get("/providers", AdminApiCaller.basic("karaf", "karaf"));
        assertThat(providers.statusCode()).isEqualTo(200);
        assertThat(providers.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(providers.body()).contains("\"id\":\"xero\"", "\"id\":\"quickbooks\"", "\"callsPerMinute\"");
        HttpResponse<String> document = anonymous.get("/openapi.json", null);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"openapi\"", "/companies/{company}/settings");
    }

    @Test
    public void theAdminChangesSettingsWithTheSessionsCsrfTokenAndNothingChangesWithoutIt() throws Exception {
        readmeStepEnablesKarafAdmin();
        CompanyId company = CompanyId.of("admin-api-co");
        AdminApiCaller browser = new AdminApiCaller(httpPort());
        HttpResponse<String> session = browser.get("/session", AdminApiCaller.basic("karaf", "karaf"));
        assertThat(session.statusCode()).isEqualTo(200);
        String token = session.body().replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
        String settings = "{\"pushInvoicesAs\":\"DRAFT\",\"keepHostInvoiceNumbers\":false,\"twoWayNameSync\":true,"
                + "\"autoSyncInvoices\":true,\"autoSyncPayments\":true,\"pollingIntervalMinutes\":null}";

        assertThat(browser.put("/companies/admin-api-co/settings", settings, null).statusCode()).isEqualTo(403);
        assertThat(setup().settings(company).pushInvoicesAs()).isEqualTo(InvoiceStatusOnPush.APPROVED);
        assertThat(browser.put("/companies/admin-api-co/settings", "{\"pushInvoicesAs\":", token).statusCode()).isEqualTo(400);

        HttpResponse<String> saved = browser.put("/companies/admin-api-co/settings", settings, token);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(setup().settings(company).pushInvoicesAs()).isEqualTo(InvoiceStatusOnPush.DRAFT);
        assertThat(setup().settings(company).twoWayNameSync()).isTrue();
    }

    private String httpPort() throws Exception {
        return String.valueOf(service(ConfigurationAdmin.class).getConfiguration("org.ops4j.pax.web", null).getProperties()
                .get("org.osgi.service.http.port"));
    }

    @Test
    public void everyBundleIsActiveOnceTheAccountingFeatureIsInstalled() throws Exception {
        FeaturesService features = service(FeaturesService.class);
        assertThat(features.isInstalled(features.getFeature("accounting"))).as("accounting installed").isTrue();
        assertThat(features.isInstalled(features.getFeature("accounting-core"))).as("accounting-core installed").isTrue();
        assertThat(features.isInstalled(features.getFeature("accounting-xero"))).as("accounting-xero installed").isTrue();
        assertThat(features.isInstalled(features.getFeature("accounting-quickbooks"))).as("accounting-quickbooks installed").isTrue();

        assertThat(Arrays.stream(bundleContext.getBundles()).map(Bundle::getSymbolicName))
                .contains("io.fieldsync.accounting.api", "io.fieldsync.accounting.engine", "io.fieldsync.accounting.xero",
                        "io.fieldsync.accounting.quickbooks", "com.h2database", TEST_PROVIDER_BSN);
        awaitProvider("xero", true);
        awaitProvider("quickbooks", true);
        assertThat(notActive(false)).as("bundles that are not active").isEmpty();
    }

    @Test
    public void everyComponentOfOurBundlesIsSatisfied() {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        Bundle[] ours = Arrays.stream(bundleContext.getBundles())
                .filter(bundle -> bundle.getSymbolicName().startsWith(OUR_BUNDLES))
                .toArray(Bundle[]::new);

        await("every component of our bundles to be satisfied", () -> unsatisfied(scr, ours).isEmpty());

        assertThat(scr.getComponentDescriptionDTOs(ours)).extracting(description -> description.name)
                .as("components found").isNotEmpty();
        assertThat(unsatisfied(scr, ours)).isEmpty();
    }

    @Test
    public void theJournalDataSourceIsAnH2DatabaseUnderKarafDataThatWritesEveryCommitAtOnceAndSurvivesInterrupts() throws Exception {
        DataSource journal = service(DataSource.class, "(dataSourceName=accounting)");

        try (Connection connection = journal.getConnection()) {
            DatabaseMetaData database = connection.getMetaData();
            assertThat(database.getDatabaseProductName()).isEqualTo("H2");
            assertThat(database.getDriverVersion()).startsWith("2.4.240");
            // H2 reports the URL without its settings; retry: reopens the file after an interrupt
            assertThat(database.getURL()).isEqualTo("jdbc:h2:retry:" + System.getProperty("karaf.data") + "/accounting/journal");
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                row.next();
                assertThat(row.getString(1)).as("H2 WRITE_DELAY: each commit written before it returns").isEqualTo("0");
            }
        }
        org.osgi.service.cm.Configuration[] shipped = service(ConfigurationAdmin.class).listConfigurations("(dataSourceName=accounting)");
        assertThat(shipped).hasSize(1);
        assertThat((String) shipped[0].getProperties().get("url")).as("the feature's configuration, not only the engine's correction")
                .startsWith("jdbc:h2:retry:").endsWith("/accounting/journal;WRITE_DELAY=0;PAGE_SIZE=4096");
    }

    @Test
    public void theNextDocumentGoesToTheProviderChosenThroughConfigAdmin() throws Exception {
        CompanyId company = CompanyId.of("config-admin-company");
        switchProvider(company, "alpha");
        connectAndMap(company, "alpha");
        DocumentRef first = lockInvoice(company, "CA-1");
        assertSyncedBy(awaitSynced(first), "alpha");

        switchProvider(company, "beta");
        connectAndMap(company, "beta");
        DocumentRef second = lockInvoice(company, "CA-2");

        assertSyncedBy(awaitSynced(second), "beta");
        assertSyncedBy(status(first).orElseThrow(), "alpha");
    }

    @Test
    public void theNextDocumentGoesToTheProviderChosenWithTheUseCommand() throws Exception {
        CompanyId company = CompanyId.of("shell-company");
        executeCommand("accounting:use alpha");
        awaitActiveProvider(company, "alpha");
        connectAndMap(company, "alpha");
        assertSyncedBy(awaitSynced(lockInvoice(company, "SH-1")), "alpha");

        executeCommand("accounting:use beta");
        awaitActiveProvider(company, "beta");
        connectAndMap(company, "beta");

        assertSyncedBy(awaitSynced(lockInvoice(company, "SH-2")), "beta");
        assertThat(service(ConfigurationAdmin.class).getConfiguration(ENGINE_PID, "?").getProperties().get("provider"))
                .as("the choice is kept in Config Admin").isEqualTo("beta");
    }

    @Test
    public void theProvidersAndStatusCommandsNameTheRegisteredAndTheActiveProvider() throws Exception {
        CompanyId company = CompanyId.of("commands-company");
        switchProvider(company, "beta");

        String providers = executeCommand("accounting:providers");
        String status = executeCommand("accounting:status");

        assertThat(providers).contains("Test provider alpha", "Test provider beta")
                .as("beta marked active, alpha not").containsPattern("(?m)^\\*\\s.*\\bbeta\\b")
                .doesNotContainPattern("(?m)^\\*\\s.*\\balpha\\b");
        assertThat(status).contains("Active provider : beta").doesNotContain("Exception");
    }

    @Test
    public void theAdminsShellCommandsRunInKarafOverTheEngine() throws Exception {
        CompanyId company = CompanyId.of("admin-shell-company");
        switchProvider(company, "alpha");
        connectAndMap(company, "alpha");
        awaitSynced(lockInvoice(company, "ASH-1"));

        String documents = executeCommand("accounting:documents --company admin-shell-company --status synced");
        String mappings = executeCommand("accounting:mappings --company admin-shell-company");
        String refused = executeCommand("accounting:map --company admin-shell-company --category Labour --account 999");
        String retried = executeCommand("accounting:retry --company admin-shell-company INVOICE ASH-1");
        String log = executeCommand("accounting:log --company admin-shell-company");
        String connect = executeCommand("accounting:connect --company admin-shell-company");
        String disconnected = executeCommand("accounting:disconnect --company admin-shell-company --force");

        assertThat(documents).contains("ASH-1", "SYNCED", "1 of 1");
        assertThat(mappings).contains("Mappings of admin-shell-company", "Sales account    : 200");
        assertThat(refused).contains("Error (INVALID_INPUT): ", "has no active revenue account '999'", "200").doesNotContain("Exception");
        assertThat(retried).contains("Error (PREREQUISITE_MISSING): INVOICE ASH-1 is SYNCED, not failed").doesNotContain("Exception");
        assertThat(log).doesNotContain("Exception");
        assertThat(connect).contains("Open this link in a browser signed in to alpha");
        assertThat(disconnected).contains("Disconnected admin-shell-company from alpha");
        assertThat(connections().status(company).state()).isNotEqualTo(io.fieldsync.accounting.api.admin.ConnectionState.CONNECTED);
    }

    @Test
    public void documentsWaitWhileTheProviderBundleIsStoppedAndAreSentWhenItStartsAgain() throws Exception {
        CompanyId company = CompanyId.of("stopped-provider-company");
        switchProvider(company, "alpha");
        connectAndMap(company, "alpha");
        Bundle provider = testProviderBundle();
        DocumentRef queued;

        provider.stop();
        try {
            awaitProvider("alpha", false);
            queued = lockInvoice(company, "STOP-1");
            assertStaysPending(queued, Duration.ofSeconds(3));
        } finally {
            provider.start();
        }

        assertSyncedBy(awaitSynced(queued), "alpha");
    }

    @Test
    public void documentsWaitWhileTheProviderBundleIsUninstalledAndAreSentWhenItIsInstalledAgain() throws Exception {
        CompanyId company = CompanyId.of("uninstalled-provider-company");
        switchProvider(company, "beta");
        connectAndMap(company, "beta");
        Bundle provider = testProviderBundle();
        String location = provider.getLocation();
        DocumentRef queued;

        provider.uninstall();
        try {
            awaitProvider("beta", false);
            queued = lockInvoice(company, "UNINSTALL-1");
            assertStaysPending(queued, Duration.ofSeconds(3));
        } finally {
            bundleContext.installBundle(location).start();
        }

        assertSyncedBy(awaitSynced(queued), "beta");
    }

    private static void assertSyncedBy(DocumentStatus status, String provider) {
        assertThat(status.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(status.provider()).as("provider of %s", status.document()).isEqualTo(provider);
        assertThat(status.remoteId()).as("remote id of %s", status.document()).startsWith(provider + "-");
    }

    private static List<String> unsatisfied(ServiceComponentRuntime scr, Bundle[] bundles) {
        return scr.getComponentDescriptionDTOs(bundles).stream()
                .filter(description -> scr.isComponentEnabled(description))
                .flatMap(description -> describeUnsatisfied(scr, description).stream())
                .toList();
    }

    private static List<String> describeUnsatisfied(ServiceComponentRuntime scr, ComponentDescriptionDTO description) {
        Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
        if (configurations.isEmpty()) {
            return List.of(description.name + " has no configuration");
        }
        return configurations.stream()
                .filter(configuration -> configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED)
                .map(configuration -> description.name + " is in state " + configuration.state
                        + (configuration.unsatisfiedReferences.length == 0 ? "" : ", missing "
                        + Arrays.stream(configuration.unsatisfiedReferences).map(reference -> reference.name + " " + reference.target)
                                .collect(Collectors.joining(", "))))
                .toList();
    }
}
