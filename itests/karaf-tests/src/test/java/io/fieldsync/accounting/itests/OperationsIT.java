package io.fieldsync.accounting.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.demo.DemoBook;
import io.fieldsync.accounting.demo.DemoPlan;
import io.fieldsync.accounting.demo.DemoRegion;
import io.fieldsync.accounting.demo.DemoReport;
import io.fieldsync.accounting.demo.DemoScenario;
import io.fieldsync.accounting.sandbox.xero.control.XeroSandboxControl;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Operations in real Karaf, wired as shipped: the metrics MBean registered by Karaf's JMX whiteboard, the health check,
 * and the user revoking the app in the Xero sandbox while invoices keep coming: one alert of each kind (listener,
 * EventAdmin event), health CRITICAL, and a reconnect that sends what waited.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OperationsIT extends AccountingTestSupport {

    private static final CompanyId COMPANY = CompanyId.of("harbour-plumbing");
    private static final DemoPlan PLAN = new DemoPlan(3, 6, 2, 1);

    @Configuration
    public Option[] configuration() {
        String port = KarafOptions.freePort();
        return KarafOptions.join(KarafOptions.freshKaraf("accounting", "accounting-demo"), KarafOptions.xeroSandboxOn(port));
    }

    @Test
    public void aRevokedAppIsOneAlertOfEachKindTheHealthSaysSoAndTheMetricsCountWhatWentOut() throws Exception {
        useProviderThroughConfigAdmin("xero");
        awaitProvider("xero", true);
        awaitActiveProvider(COMPANY, "xero");
        List<String> events = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "io/fieldsync/accounting/connection/*");
        bundleContext.registerService(EventHandler.class, event -> events.add(event.getTopic().substring(event.getTopic().lastIndexOf('/') + 1)
                + " " + event.getProperty("company") + " " + event.getProperty("provider")), topics);
        List<String> heard = new CopyOnWriteArrayList<>();
        bundleContext.registerService(AccountingListener.class, new AccountingListener() {
            @Override
            public void documentChanged(DocumentStatus status) {
            }

            @Override
            public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
            }

            @Override
            public void connectionExpired(CompanyId company, String provider, SyncError reason) {
                heard.add("expired " + company + " " + provider);
            }

            @Override
            public void connectionRestored(CompanyId company, String provider) {
                heard.add("restored " + company + " " + provider);
            }
        }, null);

        DemoScenario scenario = new DemoScenario(sync(), connections(), setup(), java.time.Clock.systemUTC());
        DemoReport report = scenario.run(COMPANY, PLAN, Duration.ofMinutes(3));
        assertThat(report.drained()).as(report.toText()).isTrue();

        MBeanServer jmx = service(MBeanServer.class);
        ObjectName metrics = new ObjectName("io.fieldsync.accounting:type=Metrics");
        await("the metrics MBean in Karaf's MBeanServer", () -> jmx.isRegistered(metrics));
        assertThat(jmx.getAttribute(metrics, "Synced")).isEqualTo(9L);
        assertThat((Long) jmx.getAttribute(metrics, "ApiCalls")).isPositive();
        assertThat(jmx.getAttribute(metrics, "QueueDepth")).isEqualTo(0L);
        // the provider calls the sandbox in this Karaf: health says so (a WARN), and nothing else is wrong
        assertThat(executeCommand("accounting:health")).contains("Health          : WARN").contains("endpoints xero")
                .doesNotContain("CRITICAL");

        service(XeroSandboxControl.class).revokeAccess();
        ReferenceData reference = setup().referenceData(COMPANY);
        Invoice template = new DemoBook(PLAN, DemoRegion.of(reference)).invoices().get(0);
        List<DocumentRef> waiting = new CopyOnWriteArrayList<>();
        for (int k = 1; k <= 3; k++) {
            waiting.add(sync().invoiceLocked(COMPANY, new Invoice("JOB-AFTER-" + k, "FS-AFTER-" + k, template.customer(),
                    template.issueDate(), template.dueDate(), template.currency(), template.exchangeRate(), template.amountType(),
                    template.lines(), template.reference())).document());
        }
        await("the invoices to wait for a reconnect", () -> waiting.stream()
                .allMatch(document -> status(document).map(DocumentStatus::status).orElse(null) == SyncStatus.DISCONNECTED));
        await("the expiry event", () -> !events.isEmpty());
        await("the expiry callback", () -> !heard.isEmpty());
        assertThat(events).containsExactly("EXPIRED harbour-plumbing xero");
        assertThat(heard).containsExactly("expired harbour-plumbing xero");
        assertThat(executeCommand("accounting:health")).contains("CRITICAL").contains("connection harbour-plumbing/xero");
        assertThat(executeCommand("accounting:status harbour-plumbing")).contains("ALERT");

        scenario.connect(COMPANY);
        for (DocumentRef document : waiting) {
            awaitSynced(document);
        }
        await("the restored event", () -> events.size() == 2);
        assertThat(events).containsExactly("EXPIRED harbour-plumbing xero", "RESTORED harbour-plumbing xero");
        assertThat(heard).containsExactly("expired harbour-plumbing xero", "restored harbour-plumbing xero");
        assertThat(jmx.getAttribute(metrics, "Synced")).isEqualTo(12L);
        // the provider calls the sandbox in this Karaf: health says so (a WARN), and nothing else is wrong
        assertThat(executeCommand("accounting:health")).contains("Health          : WARN").contains("endpoints xero")
                .doesNotContain("CRITICAL");
    }
}
