package io.fieldsync.accounting.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.AccountingProviders;
import io.fieldsync.accounting.api.admin.CompanyProvider;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.demo.DemoBook;
import io.fieldsync.accounting.demo.DemoPlan;
import io.fieldsync.accounting.demo.DemoRegion;
import io.fieldsync.accounting.demo.DemoReport;
import io.fieldsync.accounting.demo.DemoScenario;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * One Karaf, both sandboxes, two companies: one syncs to Xero (the configured default), the other to QuickBooks
 * (chosen for it from the shell), both at the same time; then a company is switched through the Java API and its
 * next documents go to the other system, nothing restarted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProviderPerCompanyIT extends AccountingTestSupport {

    private static final CompanyId XERO_COMPANY = CompanyId.of("harbour-plumbing");
    private static final CompanyId QBO_COMPANY = CompanyId.of("bondi-electrical");
    private static final DemoPlan PLAN = new DemoPlan(6, 20, 8, 2);

    @Configuration
    public Option[] configuration() {
        String port = KarafOptions.freePort();
        return KarafOptions.join(KarafOptions.freshKaraf("accounting", "accounting-demo"),
                KarafOptions.xeroSandboxOn(port), KarafOptions.quickBooksSandboxOn(port));
    }

    @Test
    public void aXeroCompanyAndAQuickBooksCompanySyncAtTheSameTimeAndASwitchNeedsNoRestart() throws Exception {
        useProviderThroughConfigAdmin("xero");
        awaitProvider("xero", true);
        awaitProvider("quickbooks", true);
        awaitActiveProvider(XERO_COMPANY, "xero");

        String used = executeCommand("accounting:use --company " + QBO_COMPANY.value() + " quickbooks");
        assertThat(used).contains("Accounting provider of bondi-electrical: quickbooks");
        AccountingProviders providers = service(AccountingProviders.class);
        CompanyProvider chosen = providers.provider(QBO_COMPANY);
        assertThat(chosen.provider()).isEqualTo("quickbooks");
        assertThat(chosen.chosen()).isTrue();
        assertThat(chosen.chosenBy()).startsWith("shell");
        assertThat(providers.provider(XERO_COMPANY).provider()).isEqualTo("xero");

        ExecutorService hosts = Executors.newFixedThreadPool(2);
        try {
            Future<DemoReport> xero = hosts.submit(() -> new DemoScenario(sync(), connections(), setup(), java.time.Clock.systemUTC())
                    .run(XERO_COMPANY, PLAN, Duration.ofMinutes(5)));
            Future<DemoReport> quickbooks = hosts.submit(() -> new DemoScenario(sync(), connections(), setup(), java.time.Clock.systemUTC())
                    .run(QBO_COMPANY, PLAN, Duration.ofMinutes(5)));
            assertDrained(xero.get(6, TimeUnit.MINUTES), "xero");
            assertDrained(quickbooks.get(6, TimeUnit.MINUTES), "quickbooks");
        } finally {
            hosts.shutdownNow();
        }

        String status = executeCommand("accounting:status");
        assertThat(status).contains("harbour-plumbing -> xero (the default)")
                .contains("bondi-electrical -> quickbooks (chosen by shell").doesNotContain("Exception");

        // the Xero company moves to QuickBooks through the Java API: its next invoice goes there, its synced ones stay
        providers.choose(XERO_COMPANY, "quickbooks", "itest");
        new DemoScenario(sync(), connections(), setup(), java.time.Clock.systemUTC()).connect(XERO_COMPANY);
        ReferenceData reference = setup().referenceData(XERO_COMPANY);
        setup().saveMappings(XERO_COMPANY, DemoScenario.mappings(reference));
        Invoice template = new DemoBook(PLAN, DemoRegion.of(reference)).invoices().get(0);
        DocumentRef next = sync().invoiceLocked(XERO_COMPANY, new Invoice("JOB-NEXT-1", "FS-NEXT-1", template.customer(),
                template.issueDate(), template.dueDate(), template.currency(), template.exchangeRate(), template.amountType(),
                template.lines(), template.reference())).document();
        DocumentStatus synced = awaitSynced(next);
        assertThat(synced.provider()).isEqualTo("quickbooks");
        assertThat(status(DocumentRef.invoice(XERO_COMPANY, "JOB-5000")).map(DocumentStatus::provider)).hasValue("xero");
    }

    private static void assertDrained(DemoReport report, String provider) {
        assertThat(report.drained()).as(report.toText()).isTrue();
        assertThat(report.connection().provider()).isEqualTo(provider);
        assertThat(report.count(DocumentKind.INVOICE, SyncStatus.SYNCED)).as(report.toText()).isEqualTo(20);
        assertThat(report.count(DocumentKind.PAYMENT, SyncStatus.SYNCED)).as(report.toText()).isEqualTo(8);
        assertThat(report.count(DocumentKind.CREDIT_NOTE, SyncStatus.SYNCED)).as(report.toText()).isEqualTo(2);
    }
}
