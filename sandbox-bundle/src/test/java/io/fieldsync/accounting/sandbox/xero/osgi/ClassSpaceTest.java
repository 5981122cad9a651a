package io.fieldsync.accounting.sandbox.xero.osgi;

import io.fieldsync.accounting.sandbox.transport.servlet.FakeResponse;
import io.fieldsync.accounting.sandbox.transport.servlet.ServletClient;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Map;

import javax.servlet.Servlet;

import org.osgi.framework.BundleContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component in the class space Karaf gives the bundle: Karaf's system bundle does not export
 * com.sun.net.httpserver, so a bundle class that needs it fails to load there. These tests load the sandbox's classes
 * through a class loader that refuses that package (and, in the second test, javax.servlet too).
 */
class ClassSpaceTest {

    private static final String COMPONENT = "io.fieldsync.accounting.sandbox.xero.osgi.XeroSandboxComponent";
    private static final String CONFIGURATION = "io.fieldsync.accounting.sandbox.xero.osgi.XeroSandboxConfiguration";

    @Test
    void withoutComSunNetHttpserverTheServletServesOAuthAndInvoicesAndTheJdkServerIsNeverLoaded() throws Exception {
        IsolatedSandboxLoader loader = new IsolatedSandboxLoader("com.sun.net.httpserver");
        FakeBundleContext framework = new FakeBundleContext();
        Object component = activate(loader, framework);

        ServletClient client = new ServletClient((Servlet) framework.only("javax.servlet.Servlet").service(), "/sandbox/xero");
        ServletClient.Connected connected = client.connect("fieldsync-demo", "fieldsync-demo-secret",
                "http://localhost:8181/accounting/oauth/callback");
        FakeResponse put = client.putInvoice(connected, "Bayside Club");
        deactivate(component);

        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(loader.defined()).as("the sandbox really ran from the isolated loader")
                .contains(COMPONENT, "io.fieldsync.accounting.sandbox.xero.XeroSandbox",
                        "io.fieldsync.accounting.sandbox.transport.servlet.ServletCallTransport")
                .noneMatch(name -> name.startsWith("io.fieldsync.accounting.sandbox.transport.jdk."));
        assertThat(loader.refused()).as("nothing even asked for the JDK server").isEmpty();
    }

    @Test
    void withoutJavaxServletTheSandboxStillRunsForItestsButIsNotServed() throws Exception {
        IsolatedSandboxLoader loader = new IsolatedSandboxLoader("com.sun.net.httpserver", "javax.servlet");
        FakeBundleContext framework = new FakeBundleContext();
        Object component = activate(loader, framework);
        Object control = framework.only("io.fieldsync.accounting.sandbox.xero.control.XeroSandboxControl").service();
        Object baseUrl = control.getClass().getMethod("baseUrl").invoke(control);
        deactivate(component);

        assertThat(framework.registrations()).as("the control and the VendorSimulator").hasSize(2);
        assertThat(baseUrl).isEqualTo("http://localhost:8181/sandbox/xero");
        assertThat(loader.refused()).allMatch(name -> name.startsWith("javax.servlet."));
    }

    /** Activates the component as SCR would: the constructor with the bundle context and the configuration. */
    private static Object activate(IsolatedSandboxLoader loader, FakeBundleContext framework) throws Exception {
        Class<?> componentType = loader.loadClass(COMPONENT);
        Class<?> configType = loader.loadClass(CONFIGURATION);
        assertThat(componentType.getClassLoader()).isSameAs(loader);
        Object config = SandboxConfigs.of(configType, Map.of("webhook_url", ""));
        return componentType.getConstructor(BundleContext.class, configType).newInstance(framework.bundleContext(), config);
    }

    private static void deactivate(Object component) throws Exception {
        Method deactivate = component.getClass().getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(component);
    }
}
