package io.fieldsync.accounting.sandbox.xero.control;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A running Xero sandbox, seen from a test or a demo rather than from a Xero client: where it is, what its ledger
 * holds, and the things a person would do in Xero's web app or developer portal (seed an organisation, enter a
 * payment, check the webhook receiver) or that only a simulator can do (move its clock, inject faults).
 * <p>
 * Inside Karaf the sandbox's component registers the sandbox itself under this interface (one per configuration,
 * PID {@code io.fieldsync.accounting.sandbox}). Tenants are named by their tenant id; invoices by number, as a
 * person in Xero's web app finds them. Methods that change the ledger tell the webhook subscription, exactly like
 * changes made through the API.
 */
@ProviderType
public interface XeroSandboxControl {

    // --- where it is (what a client's configuration needs) ---

    /** The externally visible URL of the sandbox's root; every URL below starts with it. */
    String baseUrl();

    /** Stands for https://login.xero.com/identity/connect/authorize. */
    String authorizeUrl();

    /** Stands for https://identity.xero.com (token and revocation endpoints below it). */
    String identityUrl();

    /** Stands for https://identity.xero.com/connect/token. */
    String tokenUrl();

    /** Stands for https://api.xero.com (the root of /api.xro/2.0 and /connections). */
    String apiRootUrl();

    /** Stands for https://api.xero.com/api.xro/2.0. */
    String apiUrl();

    /** The one app registered with the sandbox. */
    String clientId();

    /** The registered app's client secret (a sandbox credential, never a real one). */
    String clientSecret();

    // --- seeding ---

    /**
     * Adds an organisation like Xero's Demo Company (NZ): bank account 090, undeposited funds 615, sales 200, GST
     * rates OUTPUT2/INPUT2/NONE, items SVC-CALL, LAB-HR, PART-FLT and three contacts. The app's next consent
     * (authorize) connects it.
     */
    SandboxTenant seedDemoOrganisation(String name);

    /** Seeds an Australian organisation (AUD, Xero's default AU tax rates: GST on Income, GST Free Income, BAS Excluded…). */
    SandboxTenant seedAuDemoOrganisation(String name);

    /** Every organisation the sandbox hosts, oldest first. */
    List<SandboxTenant> tenants();

    /** The user revokes the app: refresh tokens die and every connection ends (the API answers 403). */
    void revokeAccess();

    // --- reading the ledger ---

    /** @throws IllegalArgumentException when the sandbox hosts no such tenant */
    LedgerCounts counts(UUID tenantId);

    /** Every invoice and bill of the tenant, in the order they were created. */
    List<InvoiceSnapshot> invoices(UUID tenantId);

    /** The sales invoice (ACCREC) with that number, deleted ones excluded. */
    Optional<InvoiceSnapshot> invoice(UUID tenantId, String invoiceNumber);

    /** Every payment of the tenant, deleted ones included, in the order they were made. */
    List<PaymentSnapshot> payments(UUID tenantId);

    // --- doing what a person in Xero would do ---

    /**
     * Enters a payment against a sales invoice as a person in Xero's web app would: the invoice's amount due goes
     * down (to PAID when nothing is left) and the webhook subscription is told, which delivers an INVOICE UPDATE
     * event for the invoice (that is how Xero reports payments).
     *
     * @param accountCode a bank account or an account that accepts payments, e.g. "090" in the demo organisation
     * @throws IllegalArgumentException no such tenant, invoice or account; the account takes no payments; the amount
     *                                  is not positive or exceeds the amount due
     * @throws IllegalStateException    the invoice is not AUTHORISED
     */
    PaymentSnapshot enterPayment(UUID tenantId, String invoiceNumber, BigDecimal amount, LocalDate date,
                                 String accountCode);

    // --- webhooks ---

    WebhookStatus webhookStatus();

    /**
     * Points the subscription at {@code receiver} with signing key {@code key} and runs the intent-to-receive check
     * at once.
     *
     * @return whether the receiver passed (events flow from now on)
     */
    boolean configureWebhooks(URI receiver, String key);

    /**
     * Runs the intent-to-receive check against the configured receiver now (four signed empty payloads, two of
     * them signed with the wrong key).
     *
     * @return whether the receiver passed
     * @throws IllegalStateException when no receiver is configured
     */
    boolean validateWebhooks();

    /** Every POST made to the receiver so far, intent-to-receive checks included, oldest first. */
    List<WebhookPost> webhookPosts();

    /** Waits (real time) until at least {@code count} event deliveries (not checks) were made. */
    boolean awaitWebhookEvents(int count, Duration timeout) throws InterruptedException;

    // --- simulator-only controls ---

    /** Moves the sandbox's clock forward: expires tokens, closes rate-limit windows, ages idempotency keys. */
    void advanceClock(Duration by);

    /**
     * The next {@code writes} PUT/POST/DELETE API calls are applied, then their connection is dropped without an
     * answer. Behind a servlet container the answer is cut off after its headers instead (see the sandbox's
     * README): the client still cannot know the outcome.
     */
    void dropConnectionAfterApply(int writes);

    /** The next {@code calls} API calls are refused with 429 and {@code Retry-After}. */
    void tooManyRequests(int calls, Duration retryAfter);

    /** Probability (0..1) that an API call fails with 500 before it is applied. */
    void errorRate(double probability);

    /**
     * The next {@code requests} requests to the token endpoint (code exchanges and refreshes) fail with HTTP
     * {@code status} (500 or 503) and change nothing: Xero identity is down.
     *
     * @since 0.2
     */
    void failTokenEndpoint(int requests, int status);

    /**
     * The next {@code requests} token-endpoint requests are refused with 429 and {@code Retry-After}.
     *
     * @since 0.2
     */
    void throttleTokenEndpoint(int requests, Duration retryAfter);

    /**
     * The next {@code requests} token-endpoint requests are carried out (a refresh rotates the refresh token), then
     * their connection is dropped without an answer. The refresh token sent stays usable for Xero's 30-minute grace.
     *
     * @since 0.2
     */
    void dropTokenAnswers(int requests);

    /** No injected faults any more, the token endpoint's included. */
    void resetFaults();
}
