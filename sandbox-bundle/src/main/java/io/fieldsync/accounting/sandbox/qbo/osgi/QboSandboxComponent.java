package io.fieldsync.accounting.sandbox.qbo.osgi;

import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.qbo.DemoCompany;
import io.fieldsync.accounting.sandbox.qbo.QboSandbox;
import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.qbo.control.QboSandboxControl;
import io.fieldsync.accounting.sandbox.qbo.control.SandboxRealm;
import io.fieldsync.accounting.sandbox.transport.servlet.WhiteboardServlet;

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
 * The QuickBooks Online sandbox inside an OSGi framework (a demo Karaf): one {@link QboSandbox} per configuration,
 * served by a servlet registered with the OSGi HTTP whiteboard at {@code <mount.path>/*}, and registered itself as a
 * {@link QboSandboxControl} service for itests. Both are registered by hand, as the Xero component does and for the
 * same reasons: the service object is the sandbox itself, the servlet pattern comes from the configuration, and
 * without javax.servlet the sandbox still runs for itests, unreachable over HTTP, and says so in the log.
 */
@Component(configurationPid = QboSandboxConfiguration.PID, service = {}, immediate = true)
@Designate(ocd = QboSandboxConfiguration.class)
public class QboSandboxComponent {

    static final String SERVLET_NAME = "accounting-sandbox-qbo";
    static final String BASE_URL_PROPERTY = "base.url";

    private static final System.Logger LOG = System.getLogger(QboSandboxComponent.class.getName());

    private final QboSandbox sandbox;
    private final ServiceRegistration<?> servlet;
    private final ServiceRegistration<QboSandboxControl> control;
    private final ServiceRegistration<VendorSimulator> simulator;

    @Activate
    public QboSandboxComponent(BundleContext context, QboSandboxConfiguration config) {
        String mount = WhiteboardServlet.mountPath(config.mount_path());
        sandbox = new QboSandbox(sandboxConfig(config), SandboxClock.system().setSpeed(config.clock_speed()))
                .mount(config.base_url());
        if (!sandbox.baseUrl().endsWith(mount)) {
            LOG.log(System.Logger.Level.WARNING, "QBO sandbox: base.url {0} does not end with mount.path {1}; fine "
                    + "behind a proxy that rewrites paths, wrong otherwise", sandbox.baseUrl(), mount);
        }
        SandboxRealm demo = config.seed_demo() ? sandbox.seedDemoCompany(DemoCompany.NAME) : null;
        String webhookUrl = config.webhook_url() == null ? "" : config.webhook_url().strip();
        if (!webhookUrl.isEmpty() && !sandbox.configureWebhooks(URI.create(webhookUrl), config.webhook_verifier_token())) {
            LOG.log(System.Logger.Level.WARNING, "QBO sandbox: webhook.url {0} is not an http(s) URL, or the "
                    + "verifier token is empty; no webhooks", webhookUrl);
        }
        servlet = WhiteboardServlet.register(context, mount, SERVLET_NAME, sandbox::serve, "QBO sandbox");
        control = context.registerService(QboSandboxControl.class, sandbox, WhiteboardServlet.properties(BASE_URL_PROPERTY, sandbox.baseUrl()));
        Map<String, String> providerConfiguration = providerConfiguration(config, sandbox.baseUrl());
        simulator = context.registerService(VendorSimulator.class, () -> providerConfiguration,
                WhiteboardServlet.properties(AccountingProvider.PROVIDER_PROPERTY, "quickbooks"));
        LOG.log(System.Logger.Level.INFO, "QBO sandbox at {0} (client id {1}){2}", sandbox.baseUrl(),
                sandbox.clientId(), demo == null ? "" : ", demo realm " + demo.realmId() + " (" + demo.companyName() + ")");
    }

    @Deactivate
    void deactivate() {
        simulator.unregister();
        control.unregister();
        if (servlet != null) {
            servlet.unregister();
        }
        sandbox.close();
    }

    /** The running sandbox, for tests of this package. */
    QboSandbox sandbox() {
        return sandbox;
    }

    /**
     * What the QuickBooks provider needs to talk to this sandbox, in its PID's keys: it uses them only while its own
     * PID is not configured, so the demo writes nothing into io.fieldsync.accounting.quickbooks.
     */
    static Map<String, String> providerConfiguration(QboSandboxConfiguration config, String baseUrl) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("client.id", config.client_id());
        configuration.put("client.secret", config.client_secret());
        configuration.put("webhook.verifier.token", config.webhook_verifier_token());
        Arrays.stream(config.redirect_uris() == null ? new String[0] : config.redirect_uris()).map(String::strip)
                .filter(uri -> !uri.isEmpty()).findFirst().ifPresent(uri -> configuration.put("redirect.uri", uri));
        configuration.put("authorize.url", baseUrl + "/connect/oauth2");
        configuration.put("token.url", baseUrl + "/oauth2/v1/tokens/bearer");
        configuration.put("revocation.url", baseUrl + "/v2/oauth2/tokens/revoke");
        configuration.put("api.url", baseUrl);
        return Map.copyOf(configuration);
    }

    static QboSandboxConfig sandboxConfig(QboSandboxConfiguration config) {
        String[] uris = config.redirect_uris() == null ? new String[0] : config.redirect_uris();
        return QboSandboxConfig.defaults()
                .withClient(config.client_id(), config.client_secret())
                .withVerifierToken(config.webhook_verifier_token())
                .withRedirectUris(Arrays.stream(uris).map(String::strip).filter(u -> !u.isEmpty()).toList());
    }
}
