package io.fieldsync.accounting.quickbooks;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Intuit app and where QuickBooks Online is, PID {@value #PID}. Every URL is configurable so that the
 * same bundle talks to Intuit or to the sandbox. The defaults are Intuit's production endpoints as its
 * discovery document lists them (developer.api.intuit.com/.well-known/openid_configuration).
 */
@ObjectClassDefinition(id = QuickBooksConfiguration.PID, name = "FieldSync Accounting: QuickBooks Online",
        description = "The Intuit app (client id, secret, redirect URI, webhook verifier token) and QuickBooks Online's endpoints.")
public @interface QuickBooksConfiguration {

    String PID = "io.fieldsync.accounting.quickbooks";

    /**
     * The Jasypt encryptor that decrypts ENC(...) secrets: the OSGi service {@code org.jasypt.encryption.StringEncryptor}
     * registered with this alias, as pax-jdbc-config names its decryptors. A {@code decryptor.target} in the PID
     * chooses another.
     */
    String DECRYPTOR_TARGET = "(alias=accounting)";

    /** The only scope needed to read and write accounting entities (Payment entities included). */
    String ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";

    @AttributeDefinition(name = "Client id", description = "The app's client id from developer.intuit.com (Keys & credentials)")
    String client_id() default "";

    @AttributeDefinition(name = "Client secret", description = "In clear or Jasypt ENC(...), decrypted by the StringEncryptor "
            + "service of decryptor.target", type = AttributeType.PASSWORD)
    String client_secret() default "";

    @AttributeDefinition(name = "Redirect URI", description = "The engine's OAuth callback as registered with the Intuit app, "
            + "e.g. https://host/accounting/oauth/callback")
    String redirect_uri() default "http://localhost:8181/accounting/oauth/callback";

    @AttributeDefinition(name = "Webhook verifier token", description = "The app's webhook verifier token (not the client secret), "
            + "in clear or Jasypt ENC(...)",
            type = AttributeType.PASSWORD)
    String webhook_verifier_token() default "";

    @AttributeDefinition(name = "Scopes", description = "Space-separated OAuth scopes")
    String scopes() default ACCOUNTING_SCOPE;

    @AttributeDefinition(name = "Authorize URL")
    String authorize_url() default "https://appcenter.intuit.com/connect/oauth2";

    @AttributeDefinition(name = "Token URL")
    String token_url() default "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer";

    @AttributeDefinition(name = "Revocation URL")
    String revocation_url() default "https://developer.api.intuit.com/v2/oauth2/tokens/revoke";

    @AttributeDefinition(name = "API URL", description = "Base of /v3/company/{realmId}; sandbox companies use "
            + "https://sandbox-quickbooks.api.intuit.com")
    String api_url() default "https://quickbooks.api.intuit.com";

    @AttributeDefinition(name = "Minor version", description = "Sent on every request; Intuit ignores versions below 75 since August 2025")
    int minor_version() default 75;

    @AttributeDefinition(name = "Connect timeout (ms)")
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Read timeout (ms)", description = "After this, a write's outcome is unknown and is reconciled")
    int read_timeout_ms() default 60_000;
}
