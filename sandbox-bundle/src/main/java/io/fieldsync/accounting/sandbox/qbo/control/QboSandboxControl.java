package io.fieldsync.accounting.sandbox.qbo.control;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A running QuickBooks Online sandbox, seen from a test or a demo rather than from a QBO client: where it is, what its
 * companies hold, and what a person would do in QBO or the Intuit developer portal (seed a company, connect, revoke,
 * enter a payment, point webhooks somewhere) or what only a simulator can do (move its clock, inject faults).
 * <p>
 * Inside Karaf the sandbox's component registers the sandbox itself under this interface (PID
 * {@code io.fieldsync.accounting.sandbox.qbo}). Companies are named by realm id; invoices by DocNumber, as a person
 * in QBO finds them. Methods that change a company notify the webhook subscription exactly like API changes.
 */
@ProviderType
public interface QboSandboxControl {

    // --- where it is ---

    /** The externally visible URL of the sandbox's root; every URL below starts with it. */
    String baseUrl();

    /** Stands for https://appcenter.intuit.com/connect/oauth2. */
    String authorizeUrl();

    /** Stands for https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer. */
    String tokenUrl();

    /** Stands for https://developer.api.intuit.com/v2/oauth2/tokens/revoke. */
    String revocationUrl();

    /** Stands for https://quickbooks.api.intuit.com; clients append /v3/company/{realmId}/…. */
    String apiUrl();

    /** The one app registered with the sandbox. */
    String clientId();

    /** The registered app's client secret (a sandbox credential, never a real one). */
    String clientSecret();

    /** The webhook verifier token of the registered app (signs {@code intuit-signature}). */
    String verifierToken();

    // --- companies and grants ---

    /**
     * Adds a company like the demo company of the agreement: AUD, global tax model (GST 10%, FRE 0%), accounts,
     * two service items and three customers. The app's next consent (authorize) connects it.
     */
    SandboxRealm seedDemoCompany(String name);

    /**
     * Adds a US company (USD, Country "US"): QBO's US sales-tax model, where lines are TAX or NON and the transaction
     * names one sales-tax code (California 8.25%, Nevada 6.85%, Los Angeles 9.5% combined, Old County inactive),
     * with the demo company's accounts, items and three customers. The app's next consent connects it.
     *
     * @since 1.1
     */
    SandboxRealm seedUsDemoCompany(String name);

    /** Every company the sandbox hosts, oldest first. */
    List<SandboxRealm> realms();

    /** What a consent plus a code exchange would produce, without a browser. */
    QboTokens connect(String realmId);

    /** The user disconnects the app: every grant ends (refresh: invalid_grant; API: 403). */
    void revokeAccess();

    // --- reading the ledger ---

    /** @throws IllegalArgumentException when the sandbox hosts no such company */
    QboLedgerCounts counts(String realmId);

    /** Every non-deleted invoice of the company, in the order they were created. */
    List<QboInvoiceSnapshot> invoices(String realmId);

    /** The non-deleted invoice with that DocNumber. */
    Optional<QboInvoiceSnapshot> invoice(String realmId, String docNumber);

    /** Every payment of the company, deleted ones included, in the order they were made. */
    List<QboPaymentSnapshot> payments(String realmId);

    /**
     * Receives a payment against an invoice as a person in QBO would (deposited to Undeposited Funds): the invoice's
     * Balance goes down and webhooks report {@code qbo.payment.created.v1} and {@code qbo.invoice.updated.v1}.
     *
     * @throws IllegalArgumentException no such company or invoice; the amount is not positive or exceeds the Balance
     */
    QboPaymentSnapshot enterPayment(String realmId, String docNumber, BigDecimal amount, LocalDate date);

    /**
     * Renames a customer as a person in QBO would (its DisplayName): webhooks report {@code qbo.customer.updated.v1}.
     *
     * @return the customer's id
     * @throws IllegalArgumentException no such company or customer; another customer has that name
     */
    String renameCustomer(String realmId, String displayName, String newDisplayName);

    // --- webhooks ---

    /**
     * Points the app's webhook subscription at {@code receiver}, signing with {@code verifierToken}. QBO has no
     * intent-to-receive check: events flow at once.
     *
     * @return whether the subscription is on (false when the URL is not an absolute http(s) URL)
     */
    boolean configureWebhooks(URI receiver, String verifierToken);

    /** Every POST made to the receiver so far, oldest first. */
    List<QboWebhookPost> webhookPosts();

    /** Waits (real time) until at least {@code count} deliveries were made. */
    boolean awaitWebhookPosts(int count, Duration timeout) throws InterruptedException;

    // --- simulator-only controls ---

    /** Moves the sandbox's clock forward: expires tokens, closes rate-limit windows, ages request ids. */
    void advanceClock(Duration by);

    /** The next {@code calls} API calls fail with HTTP {@code status} (500 or 503) before they are applied. */
    void failNext(int calls, int status);

    /**
     * The next {@code writes} POST API calls are applied, then their connection is dropped without an answer
     * (behind a servlet container: cut off after the headers). The client cannot know the outcome. A batch of
     * queries writes nothing and is not counted; a resend answered by {@code requestid} replay is counted and dropped
     * too, so {@code 2} loses the answer of a client that resends a dropped POST once by itself (the JDK does).
     */
    void dropConnectionAfterApply(int writes);

    /** The next {@code calls} API calls are refused with QBO's 429 throttle fault. */
    void throttleNext(int calls);

    /**
     * The next {@code requests} requests to the token endpoint (code exchanges and refreshes) fail with HTTP
     * {@code status} (500 or 503) and change nothing: Intuit's OAuth service is down.
     *
     * @since 1.2
     */
    void failTokenEndpoint(int requests, int status);

    /**
     * The next {@code requests} token-endpoint requests are refused with 429 and {@code Retry-After}.
     *
     * @since 1.2
     */
    void throttleTokenEndpoint(int requests, Duration retryAfter);

    /**
     * The next {@code requests} token-endpoint requests are carried out (a refresh rotates the refresh token), then
     * their connection is dropped without an answer. The refresh token sent stays usable until its successor is used.
     *
     * @since 1.2
     */
    void dropTokenAnswers(int requests);

    /** No injected faults any more, the token endpoint's included. */
    void resetFaults();
}
