package io.fieldsync.accounting.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.util.EnumSet;
import java.util.List;

import io.fieldsync.accounting.api.spi.AccountingProvider;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * accounting-demo as a user installs it, with only the sandboxes' PIDs set (for a free port): the providers run on the
 * sandboxes through their VendorSimulator services, nothing of the demo lands in the providers' PIDs or in etc/, and
 * uninstalling the demo puts the providers back on the vendors' own endpoints.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DemoWritesNoProviderPidIT extends AccountingTestSupport {

    private static final String XERO_PID = "io.fieldsync.accounting.xero";
    private static final String QUICKBOOKS_PID = "io.fieldsync.accounting.quickbooks";

    @Configuration
    public Option[] configuration() {
        String port = KarafOptions.freePort();
        String web = "http://localhost:" + port;
        return KarafOptions.join(KarafOptions.freshKaraf("accounting", "accounting-demo"), new Option[] {
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", port),
                editConfigurationFilePut("etc/io.fieldsync.accounting.sandbox.cfg", "base.url", web + "/sandbox/xero"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.sandbox.cfg", "redirect.uris", web + "/accounting/oauth/callback"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.sandbox.qbo.cfg", "base.url", web + "/sandbox/qbo"),
                editConfigurationFilePut("etc/io.fieldsync.accounting.sandbox.qbo.cfg", "redirect.uris", web + "/accounting/oauth/callback")});
    }

    @Test
    public void theDemoRunsOnTheSandboxesWithoutWritingTheProvidersPidsAndUninstallingItPutsThemBackOnTheVendors() throws Exception {
        awaitProvider("xero", true);
        awaitProvider("quickbooks", true);
        await("Xero on the sandbox", () -> nonVendorEndpoints("xero").stream().anyMatch(url -> url.startsWith("api.url http://localhost:")
                && url.endsWith("/sandbox/xero")));
        await("QuickBooks on the sandbox", () -> nonVendorEndpoints("quickbooks").stream()
                .anyMatch(url -> url.startsWith("api.url http://localhost:") && url.endsWith("/sandbox/qbo")));

        assertThat(service(ConfigurationAdmin.class).listConfigurations(
                "(|(service.pid=" + XERO_PID + ")(service.pid=" + QUICKBOOKS_PID + "))")).as("no provider PID in Config Admin").isNull();
        assertThat(new File(System.getProperty("karaf.etc"), XERO_PID + ".cfg")).doesNotExist();
        assertThat(new File(System.getProperty("karaf.etc"), QUICKBOOKS_PID + ".cfg")).doesNotExist();

        service(FeaturesService.class).uninstallFeature("accounting-demo", EnumSet.noneOf(FeaturesService.Option.class));

        await("Xero back on Xero", () -> nonVendorEndpoints("xero").isEmpty());
        await("QuickBooks back on Intuit", () -> nonVendorEndpoints("quickbooks").isEmpty());
        assertThat(service(ConfigurationAdmin.class).listConfigurations(
                "(|(service.pid=" + XERO_PID + ")(service.pid=" + QUICKBOOKS_PID + "))")).as("still none").isNull();
    }

    /** The endpoints the provider's current instance flags; a missing provider (being re-created) is not empty. */
    private List<String> nonVendorEndpoints(String id) throws Exception {
        for (ServiceReference<AccountingProvider> reference : bundleContext.getServiceReferences(AccountingProvider.class,
                "(" + AccountingProvider.PROVIDER_PROPERTY + "=" + id + ")")) {
            AccountingProvider provider = bundleContext.getService(reference);
            try {
                return provider == null ? List.of("(re-created)") : provider.nonVendorEndpoints();
            } finally {
                bundleContext.ungetService(reference);
            }
        }
        return List.of("(none)");
    }
}
