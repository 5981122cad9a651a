package io.fieldsync.accounting.sandbox.qbo.osgi;

import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the QuickBooks Online sandbox inside an OSGi framework, PID {@value #PID}. The defaults fit a demo
 * Karaf on localhost:8181 whose QuickBooks provider points at the sandbox with the same client id, secret and webhook
 * verifier token. A change restarts the sandbox, which loses its companies (they live in memory only).
 */
@ObjectClassDefinition(id = QboSandboxConfiguration.PID, name = "FieldSync Accounting Sandbox (QuickBooks Online)",
        description = "A local simulator of Intuit OAuth and the QuickBooks Online Accounting API, for demos and tests. "
                + "Never for production.")
public @interface QboSandboxConfiguration {

    /** The configuration PID. */
    String PID = "io.fieldsync.accounting.sandbox.qbo";

    @AttributeDefinition(name = "Client id", description = "The id of the one app registered with the sandbox.")
    String client_id() default QboSandboxConfig.DEMO_CLIENT_ID;

    @AttributeDefinition(name = "Client secret", type = AttributeType.PASSWORD,
            description = "The registered app's secret (a sandbox credential, never a real one).")
    String client_secret() default QboSandboxConfig.DEMO_CLIENT_SECRET;

    @AttributeDefinition(name = "Redirect URIs",
            description = "The app's registered redirect URIs; authorize refuses any other. Empty accepts any.")
    String[] redirect_uris() default {"http://localhost:8181/accounting/oauth/callback"};

    @AttributeDefinition(name = "Webhook URL",
            description = "Where signed CloudEvents are POSTed. Empty: no webhooks.")
    String webhook_url() default "http://localhost:8181/accounting/webhooks/quickbooks";

    @AttributeDefinition(name = "Webhook verifier token", type = AttributeType.PASSWORD,
            description = "The token webhook bodies are signed with (HMAC-SHA256, intuit-signature); the receiver must know it.")
    String webhook_verifier_token() default QboSandboxConfig.DEMO_VERIFIER_TOKEN;

    @AttributeDefinition(name = "Mount path",
            description = "Where the sandbox is served in the framework's HTTP whiteboard; everything below it is the sandbox.")
    String mount_path() default "/sandbox/qbo";

    @AttributeDefinition(name = "Base URL",
            description = "The mount path as clients reach it (scheme, host, port and path): the authorize, token, "
                    + "revoke and API URLs start with it.")
    String base_url() default "http://localhost:8181/sandbox/qbo";

    @AttributeDefinition(name = "Seed the demo company",
            description = "Start with 'FieldSync Demo Company (AU)': GST codes, accounts, two service items, three customers.")
    boolean seed_demo() default true;

    @AttributeDefinition(name = "Clock speed",
            description = "Sandbox seconds per real second: 1 is real time, 60 makes access tokens expire in 60 s. 0 stops the clock.",
            min = "0")
    double clock_speed() default 1;
}
