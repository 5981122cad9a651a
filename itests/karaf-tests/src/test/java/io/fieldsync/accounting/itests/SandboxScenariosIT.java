package io.fieldsync.accounting.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.PaymentState;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.demo.DemoBook;
import io.fieldsync.accounting.demo.DemoPlan;
import io.fieldsync.accounting.demo.DemoRegion;
import io.fieldsync.accounting.demo.DemoReport;
import io.fieldsync.accounting.demo.DemoScenario;
import io.fieldsync.accounting.sandbox.qbo.control.QboInvoiceSnapshot;
import io.fieldsync.accounting.sandbox.qbo.control.QboLedgerCounts;
import io.fieldsync.accounting.sandbox.qbo.control.QboSandboxControl;
import io.fieldsync.accounting.sandbox.xero.control.InvoiceSnapshot;
import io.fieldsync.accounting.sandbox.xero.control.LedgerCounts;
import io.fieldsync.accounting.sandbox.xero.control.XeroSandboxControl;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * Each provider in real Karaf against its sandbox running in the same Karaf (one boot for both): OAuth
 * through the browser redirect to the engine's callback servlet, 100 invoices for 30 customers, 40
 * payments, 5 cancellations, and a payment entered in the accounting system coming back through the
 * signed webhook. The provider is switched between the two through Config Admin, nothing restarted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SandboxScenariosIT extends AccountingTestSupport {

    private static final CompanyId COMPANY = CompanyId.of("harbour-plumbing");
    private static final CompanyId QBO_COMPANY = CompanyId.of("bondi-electrical");

    @Configuration
    public Option[] configuration() {
        String port = KarafOptions.freePort();
        return KarafOptions.join(KarafOptions.freshKaraf("accounting", "accounting-demo"),
                KarafOptions.xeroSandboxOn(port), KarafOptions.quickBooksSandboxOn(port));
    }

    @Test
    public void theStandardScenarioEndsWithExactlyThoseDocumentsInXeroAndAPaymentEnteredThereComesBack() throws Exception {
        useProviderThroughConfigAdmin("xero");
        awaitProvider("xero", true);
        awaitActiveProvider(COMPANY, "xero");
        XeroSandboxControl sandbox = service(XeroSandboxControl.class);
        List<RemotePaymentState> heard = new CopyOnWriteArrayList<>();
        ServiceRegistration<AccountingListener> listener = bundleContext.registerService(AccountingListener.class,
                new AccountingListener() {
                    @Override
                    public void documentChanged(DocumentStatus status) {
                    }

                    @Override
                    public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
                        if (invoice.company().equals(COMPANY) && invoice.hostId().equals("JOB-5050")) {
                            heard.add(state);
                        }
                    }
                }, null);
        await("the sandbox to accept the engine's webhook endpoint", sandbox::validateWebhooks);

        DemoReport report = new DemoScenario(sync(), connections(), setup(), java.time.Clock.systemUTC()).run(COMPANY, DemoPlan.standard(), Duration.ofMinutes(5));

        assertThat(report.drained()).as(report.toText()).isTrue();
        assertThat(report.connection().organisationName()).isEqualTo("Demo Company (NZ)");
        assertThat(report.count(DocumentKind.INVOICE, SyncStatus.SYNCED)).as(report.toText()).isEqualTo(100);
        assertThat(report.count(DocumentKind.PAYMENT, SyncStatus.SYNCED)).as(report.toText()).isEqualTo(40);
        assertThat(report.count(DocumentKind.CREDIT_NOTE, SyncStatus.SYNCED)).as(report.toText()).isEqualTo(5);

        UUID tenant = UUID.fromString(connections().status(COMPANY).tenantId());
        LedgerCounts ledger = sandbox.counts(tenant);
        // the demo organisation starts with 3 contacts; 3 customers match them (2 by email, 1 by name), 27 are new
        assertThat(ledger).isEqualTo(new LedgerCounts(30, 100, 5, 40));
        List<InvoiceSnapshot> invoices = sandbox.invoices(tenant);
        assertThat(invoices).filteredOn(invoice -> invoice.number().compareTo("FS-10096") >= 0)
                .hasSize(5).allSatisfy(cancelled -> {
                    assertThat(cancelled.amountCredited()).isEqualByComparingTo(cancelled.total());
                    assertThat(cancelled.amountDue()).isEqualByComparingTo(BigDecimal.ZERO);
                });
        assertThat(invoices).as("invoices paid in full by the host").filteredOn(invoice -> invoice.amountPaid().compareTo(invoice.total()) == 0)
                .hasSize(20).allSatisfy(paid -> assertThat(paid.status()).isEqualTo("PAID"));
        assertThat(invoices).as("invoices paid in part").filteredOn(invoice -> invoice.amountPaid().signum() > 0
                && invoice.amountPaid().compareTo(invoice.total()) < 0).hasSize(20);
        assertThat(sync().status(DocumentRef.invoice(COMPANY, "JOB-5000")).map(DocumentStatus::paymentState)
                .map(RemotePaymentState::state)).as("a payment state that came back by webhook").hasValue(PaymentState.PAID);

        InvoiceSnapshot unpaid = sandbox.invoice(tenant, "FS-10051").orElseThrow();
        sandbox.enterPayment(tenant, "FS-10051", new BigDecimal("50.00"), LocalDate.of(2026, 11, 20), "090");

        await("the payment entered in Xero to reach the host", () -> !heard.isEmpty());
        assertThat(heard.get(0).state()).isEqualTo(PaymentState.PARTIALLY_PAID);
        assertThat(heard.get(0).amountPaid()).isEqualByComparingTo("50.00");
        assertThat(heard.get(0).amountDue()).isEqualByComparingTo(unpaid.amountDue().subtract(new BigDecimal("50.00")));
        Optional<DocumentStatus> status = sync().status(DocumentRef.invoice(COMPANY, "JOB-5050"));
        assertThat(status.map(DocumentStatus::paymentState).map(RemotePaymentState::lastPaymentDate)).hasValue(LocalDate.of(2026, 11, 20));
        assertThat(report.calls()).as("calls to Xero for 145 documents").isLessThan(60);
        DemoBook book = new DemoBook(DemoPlan.standard(), DemoRegion.NEW_ZEALAND);
        assertThat(book.totalWithTax(book.invoices().get(50))).isEqualByComparingTo(unpaid.total());
        listener.unregister();
    }

    @Test
    public void theStandardScenarioEndsWithExactlyThoseDocumentsInQuickBooksAndAPaymentEnteredThereComesBack() throws Exception {
        useProviderThroughConfigAdmin("quickbooks");
        awaitProvider("quickbooks", true);
        awaitActiveProvider(QBO_COMPANY, "quickbooks");
        QboSandboxControl sandbox = service(QboSandboxControl.class);
        List<RemotePaymentState> heard = new CopyOnWriteArrayList<>();
        List<String> renamed = new CopyOnWriteArrayList<>();
        ServiceRegistration<AccountingListener> listener = bundleContext.registerService(AccountingListener.class,
                new AccountingListener() {
                    @Override
                    public void documentChanged(DocumentStatus status) {
                    }

                    @Override
                    public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
                        if (invoice.company().equals(QBO_COMPANY) && invoice.hostId().equals("JOB-5050")) {
                            heard.add(state);
                        }
                    }

                    @Override
                    public void customerRenamed(CompanyId company, String hostCustomerId, String name) {
                        renamed.add(company.value() + "/" + hostCustomerId + "=" + name);
                    }
                }, null);
        setup().saveSettings(QBO_COMPANY, new SyncSettings(InvoiceStatusOnPush.APPROVED, true, true));

        DemoReport report = new DemoScenario(sync(), connections(), setup(), java.time.Clock.systemUTC()).run(QBO_COMPANY, DemoPlan.standard(), Duration.ofMinutes(5));

        assertThat(report.drained()).as(report.toText()).isTrue();
        assertThat(report.connection().organisationName()).isEqualTo(sandbox.realms().get(0).companyName());
        assertThat(report.count(DocumentKind.INVOICE, SyncStatus.SYNCED)).as(report.toText()).isEqualTo(100);
        assertThat(report.count(DocumentKind.PAYMENT, SyncStatus.SYNCED)).as(report.toText()).isEqualTo(40);
        assertThat(report.count(DocumentKind.CREDIT_NOTE, SyncStatus.SYNCED)).as(report.toText()).isEqualTo(5);

        String realm = connections().status(QBO_COMPANY).tenantId();
        // the demo company's 3 customers are none of the host's, so all 30 are new
        QboLedgerCounts ledger = sandbox.counts(realm);
        assertThat(ledger.customers()).isEqualTo(33);
        assertThat(ledger.invoices()).isEqualTo(100);
        assertThat(ledger.creditMemos()).isEqualTo(5);
        DemoBook book = new DemoBook(DemoPlan.standard(), DemoRegion.AUSTRALIA);
        List<QboInvoiceSnapshot> invoices = sandbox.invoices(realm);
        assertThat(invoices).filteredOn(invoice -> invoice.docNumber().compareTo("FS-10096") >= 0).hasSize(5)
                .allSatisfy(cancelled -> assertThat(cancelled.balance()).isEqualByComparingTo(BigDecimal.ZERO));
        assertThat(invoices).as("invoices the host collected in full").filteredOn(invoice -> invoice.docNumber().compareTo("FS-10041") < 0
                && invoice.balance().signum() == 0).hasSize(20);
        assertThat(invoices).as("invoices paid in part").filteredOn(invoice -> invoice.balance().signum() > 0
                && invoice.balance().compareTo(invoice.totalAmt()) < 0).hasSize(20);
        assertThat(invoices).allSatisfy(invoice -> assertThat(invoice.totalAmt())
                .isEqualByComparingTo(book.totalWithTax(book.invoices().get(Integer.parseInt(invoice.docNumber().substring(3)) - 10001))));
        assertThat(sync().status(DocumentRef.invoice(QBO_COMPANY, "JOB-5000")).map(DocumentStatus::paymentState)
                .map(RemotePaymentState::state)).as("a payment state that came back by webhook").hasValue(PaymentState.PAID);

        QboInvoiceSnapshot unpaid = sandbox.invoice(realm, "FS-10051").orElseThrow();
        sandbox.enterPayment(realm, "FS-10051", new BigDecimal("50.00"), LocalDate.of(2026, 11, 20));

        await("the payment entered in QuickBooks to reach the host", () -> !heard.isEmpty());
        assertThat(heard.get(heard.size() - 1).state()).isEqualTo(PaymentState.PARTIALLY_PAID);
        assertThat(heard.get(heard.size() - 1).amountDue()).isEqualByComparingTo(unpaid.balance().subtract(new BigDecimal("50.00")));
        assertThat(report.calls()).as("calls to QuickBooks for 145 documents").isLessThan(40);

        sandbox.renameCustomer(realm, "Harbourside Client 010 Ltd", "Harbourside Holdings 010 Pty Ltd");
        await("the name changed in QuickBooks to reach the host (two-way name sync)", () -> !renamed.isEmpty());
        assertThat(renamed).containsExactly("bondi-electrical/CUST-010=Harbourside Holdings 010 Pty Ltd");
        listener.unregister();
    }
}
