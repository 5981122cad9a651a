package io.fieldsync.accounting.xero;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Xero app and where Xero is, PID {@value #PID}. Every URL is configurable so that the same
 * bundle talks to Xero or to the sandbox.
 */
@ObjectClassDefinition(id = XeroConfiguration.PID, name = "FieldSync Accounting: Xero",
        description = "The Xero app (client id, secret, redirect URI, webhook key) and Xero's endpoints.")
public @interface XeroConfiguration {

    String PID = "io.fieldsync.accounting.xero";

    /**
     * The Jasypt encryptor that decrypts ENC(...) secrets: the OSGi service {@code org.jasypt.encryption.StringEncryptor}
     * registered with this alias, as pax-jdbc-config names its decryptors. A {@code decryptor.target} in the PID
     * chooses another.
     */
    String DECRYPTOR_TARGET = "(alias=accounting)";

    /** The granular scopes new Xero apps get (from 2 March 2026). */
    String GRANULAR_SCOPES = "offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings";

    @AttributeDefinition(name = "Client id", description = "The app's client id from developer.xero.com")
    String client_id() default "";

    @AttributeDefinition(name = "Client secret", description = "In clear or Jasypt ENC(...), decrypted by the StringEncryptor "
            + "service of decryptor.target", type = AttributeType.PASSWORD)
    String client_secret() default "";

    @AttributeDefinition(name = "Redirect URI", description = "The engine's OAuth callback as registered with the Xero app, "
            + "e.g. https://host/accounting/oauth/callback")
    String redirect_uri() default "http://localhost:8181/accounting/oauth/callback";

    @AttributeDefinition(name = "Webhook key", description = "The webhook signing key of the Xero app, in clear "
            + "or Jasypt ENC(...)", type = AttributeType.PASSWORD)
    String webhook_key() default "";

    @AttributeDefinition(name = "Scopes", description = "Space-separated OAuth scopes. The default is the granular set; apps "
            + "created before March 2026 may use the broad set: offline_access accounting.transactions accounting.contacts accounting.settings")
    String scopes() default GRANULAR_SCOPES;

    @AttributeDefinition(name = "Authorize URL")
    String authorize_url() default "https://login.xero.com/identity/connect/authorize";

    @AttributeDefinition(name = "Identity URL", description = "Base of /connect/token and /connect/revocation")
    String identity_url() default "https://identity.xero.com";

    @AttributeDefinition(name = "API URL", description = "Base of /connections and /api.xro/2.0")
    String api_url() default "https://api.xero.com";

    @AttributeDefinition(name = "Connect timeout (ms)")
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Read timeout (ms)", description = "After this, a write's outcome is unknown and is reconciled")
    int read_timeout_ms() default 60_000;

    @AttributeDefinition(name = "App tier", description = "The app's pricing tier at developer.xero.com: sets the daily limit "
            + "per organisation (Starter 1,000 calls, the others 5,000)")
    XeroAppTier app_tier() default XeroAppTier.STARTER;

    @AttributeDefinition(name = "Calls per day", description = "Calls a day per organisation; 0 = the tier's")
    int calls_per_day() default 0;

    @AttributeDefinition(name = "App calls per minute", description = "Calls a minute across all organisations of the app "
            + "(Xero: 10,000)")
    int app_calls_per_minute() default XeroAppLimits.APP_CALLS_PER_MINUTE;
}
