package io.fieldsync.accounting.sandbox.xero.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the Xero sandbox inside an OSGi framework, PID {@value #PID}. The defaults fit a demo Karaf on
 * localhost:8181 whose Xero provider points at the sandbox: the same client id, secret and webhook key on both
 * sides. A change restarts the sandbox, which loses its ledger (it lives in memory only).
 */
@ObjectClassDefinition(id = XeroSandboxConfiguration.PID, name = "FieldSync Accounting Sandbox (Xero)",
        description = "A local simulator of the Xero Accounting and identity APIs, for demos and tests. Never for production.")
public @interface XeroSandboxConfiguration {

    /** The configuration PID. */
    String PID = "io.fieldsync.accounting.sandbox";

    @AttributeDefinition(name = "Client id", description = "The id of the one app registered with the sandbox.")
    String client_id() default "fieldsync-demo";

    @AttributeDefinition(name = "Client secret", type = AttributeType.PASSWORD,
            description = "The registered app's secret (a sandbox credential, never a real one).")
    String client_secret() default "fieldsync-demo-secret";

    @AttributeDefinition(name = "Redirect URIs",
            description = "The app's registered redirect URIs; the authorize endpoint refuses any other. Empty accepts any.")
    String[] redirect_uris() default {"http://localhost:8181/accounting/oauth/callback"};

    @AttributeDefinition(name = "Webhook URL",
            description = "Where signed webhook events are POSTed. Checked (intent to receive) at activation and every "
                    + "15 s until it passes, for 10 minutes. Empty: no webhooks.")
    String webhook_url() default "http://localhost:8181/accounting/webhooks/xero";

    @AttributeDefinition(name = "Webhook signing key", type = AttributeType.PASSWORD,
            description = "The key webhook payloads are signed with (HMAC-SHA256, x-xero-signature); the receiver must know it.")
    String webhook_key() default "ZmllbGRzeW5jLWRlbW8td2ViaG9vay1rZXk6IGEgc2FuZGJveCBrZXksIG5ldmVyIGEgcmVhbCBvbmU=";

    @AttributeDefinition(name = "Mount path",
            description = "Where the sandbox is served in the framework's HTTP whiteboard; everything below it is the sandbox.")
    String mount_path() default "/sandbox/xero";

    @AttributeDefinition(name = "Base URL",
            description = "The mount path as clients reach it (scheme, host, port and path). Used in everything the sandbox "
                    + "hands out: authorize redirects, token issuers, discovery, webhook resource URLs.")
    String base_url() default "http://localhost:8181/sandbox/xero";

    @AttributeDefinition(name = "Seed the demo organisation",
            description = "Start with Xero's 'Demo Company (NZ)': bank account 090, sales 200, GST rates, items and contacts.")
    boolean seed_demo() default true;

    @AttributeDefinition(name = "Clock speed",
            description = "Sandbox seconds per real second: 1 is real time, 60 makes tokens expire in 30 s. 0 stops the clock.",
            min = "0")
    double clock_speed() default 1;
}
