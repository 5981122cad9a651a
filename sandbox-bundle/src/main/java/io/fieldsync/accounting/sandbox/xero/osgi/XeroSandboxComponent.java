package io.fieldsync.accounting.sandbox.xero.osgi;

import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.transport.servlet.WhiteboardServlet;
import io.fieldsync.accounting.sandbox.xero.DemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.XeroSandbox;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;
import io.fieldsync.accounting.sandbox.xero.control.XeroSandboxControl;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.VendorSimulator;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The Xero sandbox inside an OSGi framework (a demo Karaf): one {@link XeroSandbox} per configuration, served by a
 * servlet registered with the OSGi HTTP whiteboard at {@code <mount.path>/*}, and registered itself as a
 * {@link XeroSandboxControl} service so that itests can seed it, read its ledger, enter payments and check webhooks.
 * <p>
 * Both services are registered by hand rather than provided by this component because the service object is the
 * sandbox itself and the servlet's pattern comes from the configuration. The JDK's HTTP server is never used here
 * (Karaf does not export com.sun.net.httpserver); the servlet's javax.servlet import is optional too, so without an
 * HTTP whiteboard the sandbox still runs for itests, unreachable over HTTP, and says so in the log.
 */
@Component(configurationPid = XeroSandboxConfiguration.PID, service = {}, immediate = true)
@Designate(ocd = XeroSandboxConfiguration.class)
public class XeroSandboxComponent {

    static final String SERVLET_NAME = "accounting-sandbox-xero";
    /** A property of the control service: the sandbox's base URL, for itests that filter on it. */
    static final String BASE_URL_PROPERTY = "base.url";

    private static final System.Logger LOG = System.getLogger(XeroSandboxComponent.class.getName());

    private final XeroSandbox sandbox;
    private final IntentToReceiveRetry webhookCheck;
    private final ServiceRegistration<?> servlet;
    private final ServiceRegistration<XeroSandboxControl> control;
    private final ServiceRegistration<VendorSimulator> simulator;

    @Activate
    public XeroSandboxComponent(BundleContext context, XeroSandboxConfiguration config) {
        String mount = WhiteboardServlet.mountPath(config.mount_path());
        sandbox = new XeroSandbox(sandboxConfig(config), SandboxClock.system().setSpeed(config.clock_speed()))
                .mount(config.base_url());
        if (!sandbox.baseUrl().endsWith(mount)) {
            LOG.log(System.Logger.Level.WARNING, "Xero sandbox: base.url {0} does not end with mount.path {1}; fine "
                    + "behind a proxy that rewrites paths, wrong otherwise", sandbox.baseUrl(), mount);
        }
        Organisation demo = config.seed_demo() ? DemoOrganisation.create(sandbox) : null;
        String webhookUrl = config.webhook_url() == null ? "" : config.webhook_url().strip();
        if (!webhookUrl.isEmpty()) {
            sandbox.webhooks().configure(URI.create(webhookUrl), config.webhook_key());
        }
        servlet = WhiteboardServlet.register(context, mount, SERVLET_NAME, sandbox::serve, "Xero sandbox");
        control = context.registerService(XeroSandboxControl.class, sandbox,
                WhiteboardServlet.properties(BASE_URL_PROPERTY, sandbox.baseUrl()));
        Map<String, String> providerConfiguration = providerConfiguration(config, sandbox.baseUrl());
        simulator = context.registerService(VendorSimulator.class, () -> providerConfiguration,
                WhiteboardServlet.properties(AccountingProvider.PROVIDER_PROPERTY, "xero"));
        webhookCheck = webhookUrl.isEmpty() ? null : IntentToReceiveRetry.start(sandbox, webhookUrl);
        LOG.log(System.Logger.Level.INFO, "Xero sandbox at {0} (client id {1}){2}", sandbox.baseUrl(),
                sandbox.clientId(), demo == null ? "" : ", demo tenant " + demo.tenantId() + " (" + demo.name() + ")");
    }

    @Deactivate
    void deactivate() {
        simulator.unregister();
        control.unregister();
        if (servlet != null) {
            servlet.unregister();
        }
        if (webhookCheck != null) {
            webhookCheck.close();
        }
        sandbox.stop();
    }

    /** The running sandbox, for tests of this package. */
    XeroSandbox sandbox() {
        return sandbox;
    }

    /**
     * What the Xero provider needs to talk to this sandbox, in its PID's keys: it uses them only while its own PID is
     * not configured, so the demo writes nothing into io.fieldsync.accounting.xero.
     */
    static Map<String, String> providerConfiguration(XeroSandboxConfiguration config, String baseUrl) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("client.id", config.client_id());
        configuration.put("client.secret", config.client_secret());
        configuration.put("webhook.key", config.webhook_key());
        Arrays.stream(config.redirect_uris() == null ? new String[0] : config.redirect_uris()).map(String::strip)
                .filter(uri -> !uri.isEmpty()).findFirst().ifPresent(uri -> configuration.put("redirect.uri", uri));
        configuration.put("authorize.url", baseUrl + "/login/identity/connect/authorize");
        configuration.put("identity.url", baseUrl + "/identity");
        configuration.put("api.url", baseUrl);
        return Map.copyOf(configuration);
    }

    static XeroSandboxConfig sandboxConfig(XeroSandboxConfiguration config) {
        String[] uris = config.redirect_uris() == null ? new String[0] : config.redirect_uris();
        return XeroSandboxConfig.defaults()
                .withClient(config.client_id(), config.client_secret())
                .withRedirectUris(Arrays.stream(uris).map(String::strip).filter(u -> !u.isEmpty()).toList());
    }
}
