package io.fieldsync.accounting.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExamServer;

/**
 * The settings page in headless Chromium against a real Karaf with both sandboxes, as an admin uses it: log in, choose
 * the provider, connect, map categories and taxes, sync a batch of historical invoices, see their statuses, see two fail
 * for an unmapped category, filter the failed ones, map the category, retry one, retry the other with Retry failed, see
 * them synced, read the log and its CSV and one document's calls with the batch that carried it, see the warning that the
 * provider calls a sandbox, import customers, tax rates and items (jobs with progress; a tax rate and an item linked by
 * hand), and move another company to QuickBooks, connect it and disconnect it, and change how its documents are sent.
 *
 * <p>Selenium runs in this JVM, not in Karaf: Karaf is started by Pax Exam in server mode ({@link PaxExamServer}, the
 * same options as the other suites) and nothing is deployed into it for the test, so the page is tested exactly as an
 * admin's browser meets it, over HTTP, and Selenium's class path never meets OSGi. Documents reach the journal the way
 * a host's history does, through {@code POST /history/invoices}; everything else is the page.
 */
public class AdminPageBrowserIT {

    private static final String PORT = KarafOptions.freePort();
    private static final String WEB = "http://localhost:" + PORT;
    private static final String XERO_COMPANY = "harbour-plumbing";
    private static final String QBO_COMPANY = "bondi-electrical";
    private static final String UNMAPPED = "Drains";

    @ClassRule
    public static final PaxExamServer KARAF = new PaxExamServer();

    private static HeadlessChromium browser;

    @Configuration
    public Option[] configuration() {
        return KarafOptions.join(KarafOptions.freshKaraf("accounting", "accounting-demo"),
                KarafOptions.xeroSandboxOn(PORT), KarafOptions.quickBooksSandboxOn(PORT),
                // an admin user (README "Enabling a Karaf admin user", with the role given directly)
                options(editConfigurationFilePut("etc/users.properties", "karaf", "karaf,admin,manager,viewer,systembundles,ssh")));
    }

    @BeforeClass
    public static void karafServesThePageAndBothProviders() throws Exception {
        AdminApiCaller api = new AdminApiCaller(PORT);
        AccountingTestSupport.await("the admin API to list both providers", () -> {
            HttpResponse<String> providers = api.get("/providers", AdminApiCaller.basic("karaf", "karaf"));
            return providers.statusCode() == 200 && providers.body().contains("\"xero\"") && providers.body().contains("\"quickbooks\"");
        });
        browser = new HeadlessChromium(Path.of(System.getProperty("itest.build.directory"), "screenshots"));
    }

    @AfterClass
    public static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    public void anAdminConnectsMapsSyncsFixesAFailureImportsAndSwitchesAProviderFromTheSettingsPage() throws Exception {
        logIn();

        openCompany(XERO_COMPANY);
        useProvider("xero");
        connect();
        browser.screenshot("connected", "#company-section");
        // the provider calls the sandbox in this Karaf: the page says so where the admin cannot miss it
        browser.await("the not-the-vendor warning", d -> !d.findElements(By.cssSelector("#connection-warnings [data-warning='endpoints']")).isEmpty());
        assertThat(browser.find("#connection-warnings").isDisplayed()).isTrue();
        assertThat(browser.find("#connection-warnings [data-warning='endpoints']").getText()).contains("Not the vendor")
                .contains("/sandbox/xero");
        browser.screenshot("not-the-vendor-warning", "#connection-section");

        mapCategoriesAndTaxes();

        // the host's history: five invoices the mappings cover, two in a category nobody mapped
        registerHistory();
        browser.find("#documents-filter button[type=submit]").click();
        browser.awaitText("#history-text", "7 not attempted");
        assertThat(statusOf("JOB-1")).isEqualTo("NOT_ATTEMPTED");
        assertThat(browser.find("tr[data-host-id='JOB-1'] .chip").getText()).isEqualTo("Not attempted");

        browser.find("#history-sync").click();
        browser.awaitText("#status", "Queued 7 historical invoices.");
        for (int job = 1; job <= 5; job++) {
            awaitStatus("JOB-" + job, "SYNCED");
        }
        awaitStatus("JOB-6", "FAILED");
        awaitStatus("JOB-7", "FAILED");
        WebElement failed = browser.find("tr[data-host-id='JOB-6']");
        assertThat(failed.findElement(By.cssSelector(".chip")).getText()).isEqualTo("Failed");
        assertThat(failed.findElement(By.cssSelector(".reason")).getText()).contains("Category " + UNMAPPED + " is not mapped");
        assertThat(browser.find("tr[data-host-id='JOB-2'] .chip").getText()).isEqualTo("Synced");
        browser.screenshot("documents-two-failed", "#documents-section");

        new Select(browser.find("#filter-status")).selectByValue("FAILED");
        browser.find("#documents-filter button[type=submit]").click();
        browser.await("only the failed ones listed", d -> d.findElements(By.cssSelector("#documents-table tbody tr")).size() == 2);
        assertThat(browser.find("#documents-total").getText()).isEqualTo("2 documents");
        new Select(browser.find("#filter-status")).selectByValue("");
        browser.find("#documents-filter button[type=submit]").click();
        browser.await("every document listed again", d -> d.findElements(By.cssSelector("#documents-table tbody tr")).size() == 7);

        // the admin maps the category the failure names; the gap shows until then
        browser.find("#new-category").sendKeys(UNMAPPED);
        browser.find("#add-category").click();
        browser.await("the new category's gap", d -> !d.findElements(By.cssSelector("#category-table tr.gap[data-category='" + UNMAPPED + "']")).isEmpty());
        new Select(browser.find("#account-" + UNMAPPED)).selectByValue("200");
        browser.find("#mappings-form button[type=submit]").click();
        browser.awaitText("#status", "Mappings saved");
        browser.await("no category gap", d -> d.findElements(By.cssSelector("#category-table tr.gap")).isEmpty());

        failed = browser.find("tr[data-host-id='JOB-6']");
        WebElement retry = failed.findElement(By.cssSelector("button[aria-label='Retry invoice JOB-6']"));
        retry.sendKeys(Keys.ENTER);
        browser.awaitText("#status", "Retrying invoice JOB-6.");
        awaitStatus("JOB-6", "SYNCED");
        assertThat(statusOf("JOB-7")).isEqualTo("FAILED");
        browser.find("#retry-failed").click();
        browser.awaitText("#status", "Retrying 1 failed document.");
        awaitStatus("JOB-7", "SYNCED");
        browser.awaitText("#history-text", "7 synced, 0 on their way, 0 failed, 0 not attempted");
        assertThat(browser.find("#history-progress").getAttribute("value")).isEqualTo("7");
        browser.await("the chart to count today's seven", d -> syncedInChart() >= 7);
        browser.screenshot("history-and-chart", "#connection-section");
        browser.screenshot("documents-all-synced", "#documents-section");

        browser.find("#log-refresh").click();
        browser.await("the sync log's calls", d -> !d.findElements(By.cssSelector("#log-table tbody tr")).isEmpty());
        Object csv = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('log-export').href).then(r => r.text()).then(done, e => done('failed: ' + e));");
        assertThat(String.valueOf(csv)).startsWith("at,provider,operation,http_status,duration_ms,kind,host_id,vendor_error")
                .contains(",INVOICE,JOB-6,");
        browser.screenshot("sync-log", "#log-section");

        // one document's calls: the batched PUT /Invoices that carried it is among them, naming what else it carried
        browser.find("button[aria-label='Calls for invoice JOB-3']").click();
        browser.awaitText("#log-scope-text", "invoice JOB-3");
        browser.await("a batched call that carried JOB-3", d -> d.findElements(By.cssSelector("#log-table td[data-carried]")).stream()
                .anyMatch(cell -> cell.getText().startsWith("batch of") && cell.getText().contains("invoice JOB-3")));
        browser.screenshot("document-log-carried", "#log-section");
        browser.find("#log-all").click();
        browser.await("every call again", d -> !d.findElement(By.id("log-scope")).isDisplayed());

        // import: the contacts the invoices created pair with the host's customers by name
        browser.find("#import-customers").sendKeys("C-1,Harbour Cafe,cafe@example.com\nC-2,Kowhai Dental,\nC-9,Nobody Here Ltd,");
        browser.find("#import-run").click();
        browser.awaitText("#status", "Import finished.");
        assertThat(browser.find("#import-result").getText()).contains("2 linked").contains("1 of your customers have no contact");
        assertThat(browser.driver().findElements(By.cssSelector("#import-table tr[data-decision='MAPPED']"))).hasSize(2);
        assertThat(browser.find("#import-progress").getAttribute("value")).isEqualTo("3");
        assertThat(browser.find("#import-section").getAttribute("data-state")).isEqualTo("DONE");
        assertThat(browser.find("#import-counts").getText()).contains("2 matched");
        browser.screenshot("import", "#import-section");

        // tax rates: read with what each is linked to, then one linked by hand to a host tax rate and applied as a second job
        importReference("tax-rates");
        assertThat(browser.driver().findElements(By.cssSelector("#import-table tr[data-linked='GST']"))).as("GST mapped above").hasSize(1);
        String zeroRate = linkByHand("ZERO");
        assertThat(browser.find("#import-table tr[data-key='" + zeroRate + "']").getAttribute("data-linked")).isEqualTo("ZERO");
        assertThat(new AdminApiCaller(PORT).get("/companies/" + XERO_COMPANY + "/mappings", AdminApiCaller.basic("karaf", "karaf")).body())
                .contains("\"ZERO\":\"" + zeroRate + "\"");
        browser.screenshot("import-tax-rates", "#import-section");

        // items: the organisation's items, one linked by hand to a host category
        importReference("items");
        String item = linkByHand("Materials");
        assertThat(browser.find("#import-table tr[data-key='" + item + "']").getAttribute("data-linked")).isEqualTo("Materials");
        assertThat(browser.find("#import-counts").getText()).contains("1 decided");
        browser.screenshot("import-items", "#import-section");

        // another company moves to QuickBooks and connects there
        openCompany(QBO_COMPANY);
        assertThat(browser.driver().findElements(By.cssSelector("#import-table tbody tr"))).as("the other company's import").isEmpty();
        useProvider("quickbooks");
        connect();
        assertThat(fact("Organisation")).isNotEqualTo("—");
        browser.screenshot("quickbooks-company", "#company-section");
        assertThat(new AdminApiCaller(PORT).get("/companies/" + QBO_COMPANY + "/provider", AdminApiCaller.basic("karaf", "karaf")).body())
                .contains("\"provider\":\"quickbooks\"").contains("admin API (karaf)");

        browser.find("#disconnect").click();
        browser.awaitText("#status", QBO_COMPANY + " is disconnected");
        browser.await("the state not connected", d -> "not connected".equals(fact("State")));
        assertThat(browser.find("#connect").getText()).isEqualTo("Connect");

        // how documents are sent: a form drawn from the API's SyncSettings schema
        WebElement keepNumbers = browser.find("#setting-keepHostInvoiceNumbers");
        boolean keptBefore = keepNumbers.isSelected();
        keepNumbers.sendKeys(Keys.SPACE);
        new Select(browser.find("#setting-pushInvoicesAs")).selectByValue("APPROVED");
        browser.find("#settings-form button[type=submit]").click();
        browser.awaitText("#status", "Settings saved.");
        assertThat(new AdminApiCaller(PORT).get("/companies/" + QBO_COMPANY + "/settings", AdminApiCaller.basic("karaf", "karaf")).body())
                .contains("\"pushInvoicesAs\":\"APPROVED\"").contains("\"keepHostInvoiceNumbers\":" + !keptBefore);
        browser.screenshot("settings", "#settings-section");

        assertThat(unlabelledControls()).as("form controls without a label, every panel drawn").isEmpty();
    }

    /** Imports the organisation's tax rates or items from the page and waits for the job's end. */
    private void importReference(String kind) {
        new Select(browser.find("#import-kind")).selectByValue(kind);
        browser.find("#import-run").click();
        browser.await(kind + " imported", d -> "DONE".equals(d.findElement(By.id("import-section")).getAttribute("data-state"))
                && !d.findElements(By.cssSelector("#import-table tr[data-key]")).isEmpty());
        assertThat(browser.find("#import-progress").getAttribute("value")).isEqualTo("3");
    }

    /** Links the first active row nothing is linked to with {@code hostValue}, applies it, and answers the row's key. */
    private String linkByHand(String hostValue) {
        WebElement row = browser.driver().findElements(By.cssSelector("#import-table tr[data-linked=''][data-active='true']")).stream()
                .findFirst().orElseThrow(() -> new AssertionError("no active row without a link"));
        String key = row.getAttribute("data-key");
        new Select(row.findElement(By.cssSelector("select"))).selectByValue("MAPPED");
        WebElement link = row.findElement(By.cssSelector("input"));
        link.clear();
        link.sendKeys(hostValue);
        browser.find("#import-apply").click();
        browser.await(hostValue + " linked to " + key, d -> "DONE".equals(d.findElement(By.id("import-section")).getAttribute("data-state"))
                && d.findElements(By.cssSelector("#import-table tr[data-key='" + key + "']")).stream()
                        .anyMatch(r -> hostValue.equals(r.getAttribute("data-linked"))));
        return key;
    }

    private void logIn() {
        browser.open(WEB + "/accounting/admin");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(WEB + "/accounting/admin/");
        browser.await("the login form", d -> browser.find("#login").isDisplayed());
        browser.screenshot("login", "body");
        browser.find("#login-user").sendKeys("karaf");
        browser.find("#login-password").sendKeys("wrong");
        browser.find("#login-password").sendKeys(Keys.ENTER);
        browser.awaitText("#status", "Wrong user name or password.");
        browser.find("#login-password").clear();
        browser.find("#login-password").sendKeys("karaf", Keys.ENTER);
        browser.awaitText("#who", "Logged in as karaf");
        assertThat(browser.find("#login").isDisplayed()).isFalse();
    }

    private void openCompany(String company) {
        browser.find("#company-other").sendKeys(company, Keys.ENTER);
        browser.await("company " + company, d -> company.equals(new Select(browser.find("#company")).getFirstSelectedOption().getAttribute("value")));
    }

    private void useProvider(String provider) {
        new Select(browser.find("#provider")).selectByValue(provider);
        browser.find("#provider-form button[type=submit]").click();
        browser.awaitText("#status", "now uses " + provider + ".");
        browser.awaitText("#provider-note", "Chosen by admin API (karaf)");
    }

    /** Connect opens the consent in a new window; the sandbox consents at once and the callback completes it. */
    private void connect() {
        String page = browser.driver().getWindowHandle();
        browser.find("#connect").click();
        browser.await("the connection", d -> {
            if (browser.find("#organisation-picker").isDisplayed() && !"connected".equals(fact("State"))) {
                browser.find("#choose-organisation").click();
            }
            return "connected".equals(fact("State"));
        });
        for (String window : new ArrayList<>(browser.driver().getWindowHandles())) {
            if (!window.equals(page)) {
                browser.driver().switchTo().window(window);
                assertThat(browser.driver().getPageSource()).doesNotContain("refused");
                browser.driver().close();
            }
        }
        browser.driver().switchTo().window(page);
        assertThat(fact("Organisation")).isNotEqualTo("—");
    }

    private void mapCategoriesAndTaxes() {
        browser.await("the mappings with their gaps", d -> d.findElements(By.cssSelector("#category-table tr.gap")).size() == 4);
        browser.screenshot("mapping-gaps", "#mappings-section");
        for (String category : List.of("Labour", "Materials", "Equipment", "Other")) {
            new Select(browser.find("#account-" + category)).selectByValue("200");
        }
        browser.find("#new-tax").sendKeys("GST");
        browser.find("#add-tax").click();
        browser.await("the GST row with its gap", d -> !d.findElements(By.cssSelector("#tax-table tr.gap[data-tax-rate='GST']")).isEmpty());
        Select gst = new Select(browser.find("#tax-GST"));
        WebElement salesGst = gst.getOptions().stream().filter(o -> o.getText().matches(".*\\((15|10)(\\.0+)?%\\)"))
                .findFirst().orElseThrow(() -> new AssertionError("no 15 % or 10 % tax rate among " + gst.getOptions().size()));
        gst.selectByValue(salesGst.getAttribute("value"));
        browser.find("#mappings-form button[type=submit]").click();
        browser.awaitText("#status", "Mappings saved");
        browser.await("every category and tax gap filled", d -> d.findElements(By.cssSelector("#category-table tr.gap, #tax-table tr.gap")).isEmpty());
    }

    /** Registers seven historical invoices as the host would, in the organisation's currency (NZ or AU demo organisation). */
    private void registerHistory() throws Exception {
        AdminApiCaller host = new AdminApiCaller(PORT);
        HttpResponse<String> session = host.get("/session", AdminApiCaller.basic("karaf", "karaf"));
        Matcher token = Pattern.compile("\"csrfToken\":\"([^\"]+)\"").matcher(session.body());
        assertThat(token.find()).as(session.body()).isTrue();
        String reference = host.get("/companies/" + XERO_COMPANY + "/reference-data", null).body();
        boolean australian = !reference.matches("(?s).*\"ratePercent\":15(\\.0+)?,.*");
        String currency = australian ? "AUD" : "NZD";
        StringBuilder invoices = new StringBuilder();
        String[] customers = {"C-1\",\"name\":\"Harbour Cafe", "C-2\",\"name\":\"Kowhai Dental"};
        for (int job = 1; job <= 7; job++) {
            String category = job >= 6 ? UNMAPPED : "Labour";
            invoices.append(job == 1 ? "" : ",").append("{\"hostId\":\"JOB-").append(job).append("\",\"number\":\"FS-").append(job)
                    .append("\",\"customer\":{\"hostId\":\"").append(customers[job % 2])
                    .append("\",\"email\":null,\"phone\":null,\"billingAddress\":null},")
                    .append("\"issueDate\":\"2026-11-2").append(job).append("\",\"dueDate\":\"2026-12-2").append(job).append("\",")
                    .append("\"currency\":\"").append(currency).append("\",\"exchangeRate\":null,\"amountType\":\"TAX_EXCLUSIVE\",")
                    .append("\"lines\":[{\"description\":\"Call-out and repair\",\"quantity\":2,\"unitPrice\":85.00,")
                    .append("\"discountPercent\":null,\"category\":\"").append(category)
                    .append("\",\"taxRateIds\":[\"GST\"],\"itemCode\":null}],\"reference\":null}");
        }
        HttpResponse<String> registered = host.post("/companies/" + XERO_COMPANY + "/history/invoices",
                "{\"invoices\":[" + invoices + "]}", token.group(1));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    }

    private String statusOf(String hostId) {
        return browser.find("tr[data-host-id='" + hostId + "']").getAttribute("data-status");
    }

    private void awaitStatus(String hostId, String status) {
        browser.await(hostId + " " + status, d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#documents-table tr[data-host-id='" + hostId + "']"));
            return !rows.isEmpty() && status.equals(rows.get(0).getAttribute("data-status"));
        });
    }

    /** A connection fact as shown now (read in one script: the page redraws the facts when they change). */
    private String fact(String term) {
        Object text = browser.script("const dd = document.querySelector(\"#connection-facts dd[data-fact='\" + arguments[0] + \"']\");"
                + "return dd ? dd.textContent : '';", term);
        return String.valueOf(text);
    }

    private long syncedInChart() {
        return browser.driver().findElements(By.cssSelector("#chart rect.synced")).stream()
                .mapToLong(bar -> Long.parseLong(bar.getAttribute("data-count"))).sum();
    }

    /** Inputs, selects and text areas no label names (by for=, by wrapping, or aria-label). */
    @SuppressWarnings("unchecked")
    private List<String> unlabelledControls() {
        return (List<String>) browser.script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')).map(c => c.id || c.outerHTML);");
    }
}
