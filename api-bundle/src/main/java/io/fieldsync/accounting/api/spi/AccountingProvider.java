package io.fieldsync.accounting.api.spi;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.admin.ReferenceData;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One accounting system, as the engine drives it. Registered as an OSGi service with the property
 * {@value #PROVIDER_PROPERTY} set to {@link ProviderDescriptor#id()}; the engine uses the one the
 * admin made active and tracks it coming and going (bundle installed, updated, stopped).
 *
 * <p>A provider is stateless: every call receives the {@link ProviderSession} it works for. Batch
 * pushes return one {@link PushOutcome} per document, in any order, and throw only when the whole
 * call failed: {@link RateLimitedException} for a limit, {@link AccountingException} with
 * CONNECTION_EXPIRED for refused tokens, PROVIDER_UNAVAILABLE for transport failures before anything
 * was sent. Every write carries the request's {@link IdempotencyKey}.
 *
 * <p>Exactly once rests on the lookup, not on the key: keys expire (Xero keeps them minutes) and a batch's key
 * changes with its contents. A push marked {@code reconcileFirst} may already be in the accounting system from an
 * attempt whose answer never arrived; the provider must find out (by number, by the mark it writes on every
 * document, or by content) before it writes anything for that document, and answer SYNCED or ALREADY_PRESENT with
 * the remote id when it is there. Only an outcome naming the remote document ends the engine's doubt; every other
 * outcome leaves the next attempt marked {@code reconcileFirst} again.
 */
@ConsumerType
public interface AccountingProvider {

    /** The service property naming the provider. */
    String PROVIDER_PROPERTY = "accounting.provider";

    /** Who it is, what it can do, and its limits. */
    ProviderDescriptor descriptor();

    /** The consent URL for the admin's browser, carrying {@code request.state()}. */
    URI authorizationUrl(AuthorizationRequest request);

    /** Exchanges the callback's code for tokens and lists the organisations they reach. */
    AuthorizationGrant exchangeCode(Map<String, String> callbackParameters);

    /**
     * New tokens for {@code current}. The engine calls this one at a time per connection.
     *
     * @throws AccountingException CONNECTION_EXPIRED when the refresh token is refused
     */
    TokenSet refresh(TokenSet current);

    /** Revokes the tokens at the accounting system (best effort: a refusal is not an error). */
    void revoke(TokenSet tokens);

    /**
     * Ends this company's connection to {@code tenantId} at the accounting system, and no other: where one grant
     * reaches several organisations (Xero), only that organisation's connection is removed and the tokens are revoked
     * only when it was the grant's last. Best effort, like {@link #revoke}. The default revokes the tokens.
     *
     * @param tenantId the connected organisation, or null when none was chosen yet
     * @since 1.1
     */
    default void disconnect(TokenSet tokens, String tenantId) {
        revoke(tokens);
    }

    /** Organisation name, chart of accounts, tax rates and items. */
    ReferenceData referenceData(ProviderSession session);

    /** One page of contacts (pages start at 1). */
    ContactPage contacts(ProviderSession session, int page);

    /**
     * The contacts with these remote ids (for two-way name sync), those that exist; in any order. The
     * default pages through every contact; providers whose API reads contacts by id override it.
     */
    default List<RemoteContact> contactsById(ProviderSession session, List<String> remoteIds) {
        Set<String> wanted = new HashSet<>(remoteIds);
        List<RemoteContact> found = new ArrayList<>();
        ContactPage page;
        int number = 1;
        do {
            page = contacts(session, number++);
            page.contacts().stream().filter(contact -> wanted.remove(contact.remoteId())).forEach(found::add);
        } while (page.hasMore() && !wanted.isEmpty());
        return found;
    }

    /** Finds or creates customers. */
    List<PushOutcome> pushCustomers(ProviderSession session, List<CustomerPush> batch);

    /** Creates or updates invoices. */
    List<PushOutcome> pushInvoices(ProviderSession session, List<InvoicePush> batch);

    /** Creates credit notes and allocates them against their invoices. */
    List<PushOutcome> pushCreditNotes(ProviderSession session, List<CreditNotePush> batch);

    /** Applies payments to their invoices. */
    List<PushOutcome> pushPayments(ProviderSession session, List<PaymentPush> batch);

    /** Reads one invoice's payment state. */
    RemoteInvoiceState invoiceState(ProviderSession session, String remoteInvoiceId);

    /**
     * Several invoices' payment states in as few calls as the accounting system allows. The default
     * reads them one by one; providers whose API reads many at once override it.
     */
    default List<RemoteInvoiceState> invoiceStates(ProviderSession session, List<String> remoteInvoiceIds) {
        return remoteInvoiceIds.stream().map(id -> invoiceState(session, id)).toList();
    }

    /**
     * The invoices whose payment state webhook events about something else may have changed: a payment or a
     * credit note entered, changed, voided or deleted in the accounting system (QuickBooks announces a payment
     * as a Payment event, not as a change of the invoice it pays). The engine reads these invoices' states with
     * those of its invoice events. The default knows of none: for accounting systems whose invoice events
     * already tell every change of a payment state.
     *
     * @param events events of one organisation whose resource is not an invoice
     * @return remote invoice ids, possibly of invoices the engine does not know (it ignores them)
     */
    default List<String> invoicesAffectedBy(ProviderSession session, List<RemoteEvent> events) {
        return List.of();
    }

    /** Invoices changed since {@code since} (polling backstop to webhooks). */
    RemoteChanges changesSince(ProviderSession session, Instant since);

    /**
     * The request header that carries the signature of this provider's webhooks ({@code x-xero-signature},
     * {@code intuit-signature}). The engine refuses a request without it (401) before reading its body. Empty when
     * the provider's webhooks are not signed by a header; the engine then reads the body and asks
     * {@link #verifyWebhook}.
     */
    default Optional<String> webhookSignatureHeader() {
        return Optional.empty();
    }

    /** Whether a webhook request carries a valid signature. Must be constant-time in the signature. */
    boolean verifyWebhook(WebhookDelivery delivery);

    /**
     * The events of a verified webhook request, read event by event: an event that cannot be read (a missing or
     * malformed field) is left out, and logged by the provider with the reason but never with the payload, and the
     * others are returned. A field the engine does not act on (an unreadable time) does not cost the event.
     *
     * @throws AccountingException VALIDATION_FAILED when the body as a whole cannot be read (not JSON, not the
     *                             vendor's shape), so that no event can be told apart
     */
    List<RemoteEvent> parseWebhook(WebhookDelivery delivery);
}
