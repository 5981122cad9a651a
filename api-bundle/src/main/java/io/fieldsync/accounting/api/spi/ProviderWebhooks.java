package io.fieldsync.accounting.api.spi;

import java.util.List;
import java.util.Optional;

import io.fieldsync.accounting.api.AccountingException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The accounting system's webhooks: how their requests are signed, the events they carry (typed, so the engine
 * switches on {@link RemoteResourceType} and {@link RemoteEventType}, never on a vendor's words), and the invoices
 * that events about something else concern.
 *
 * @since 2.0
 */
@ConsumerType
public interface ProviderWebhooks {

    /**
     * The request header that carries the signature of this provider's webhooks ({@code x-xero-signature},
     * {@code intuit-signature}). The engine refuses a request without it (401) before reading its body. Empty when
     * the provider's webhooks are not signed by a header; the engine then reads the body and asks {@link #verify}.
     */
    default Optional<String> signatureHeader() {
        return Optional.empty();
    }

    /** Whether a webhook request carries a valid signature. Must be constant-time in the signature. */
    boolean verify(WebhookDelivery delivery);

    /**
     * The events of a verified webhook request, read event by event: an event that cannot be read (a missing or
     * malformed field) is left out, and logged by the provider with the reason but never with the payload, and the
     * others are returned. A field the engine does not act on (an unreadable time) does not cost the event, and
     * neither does a resource or event type the SPI has no constant for: it arrives as OTHER with the vendor's words.
     *
     * @throws AccountingException VALIDATION_FAILED when the body as a whole cannot be read (not JSON, not the
     *                             vendor's shape), so that no event can be told apart
     */
    List<RemoteEvent> parse(WebhookDelivery delivery);

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
}
