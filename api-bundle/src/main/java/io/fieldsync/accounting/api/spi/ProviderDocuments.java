package io.fieldsync.accounting.api.spi;

import java.util.List;

import io.fieldsync.accounting.api.AccountingException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes documents into the accounting system. Each push carries everything its payload is built from: the host's
 * document, the remote ids it refers to, and for invoices and credit notes the account, tax rates and item each line
 * books to and the company's settings that shape it, all resolved by the engine. A provider reads no mapping itself.
 *
 * <p>A batch returns one {@link PushOutcome} per document, in any order, and throws only when the whole call
 * failed: {@link RateLimitedException} for a limit, {@link AccountingException} with CONNECTION_EXPIRED for refused
 * tokens, PROVIDER_UNAVAILABLE for transport failures before anything was sent. Every write carries the push's
 * {@link IdempotencyKey}.
 *
 * <p>Exactly once rests on the lookup, not on the key: keys expire (Xero keeps them minutes) and a batch's key
 * changes with its contents. A push marked {@code reconcileFirst} may already be in the accounting system from an
 * attempt whose answer never arrived; the provider must find out (by number, by the mark it writes on every
 * document, or by content) before it writes anything for that document, and answer SYNCED or ALREADY_PRESENT with
 * the remote id when it is there. Only an outcome naming the remote document ends the engine's doubt; every other
 * outcome leaves the next attempt marked {@code reconcileFirst} again.
 *
 * @since 2.0
 */
@ConsumerType
public interface ProviderDocuments {

    /** Finds or creates customers. */
    List<PushOutcome> pushCustomers(ProviderSession session, List<CustomerPush> batch);

    /** Creates or updates invoices. */
    List<PushOutcome> pushInvoices(ProviderSession session, List<InvoicePush> batch);

    /** Creates credit notes and allocates them against their invoices. */
    List<PushOutcome> pushCreditNotes(ProviderSession session, List<CreditNotePush> batch);

    /** Applies payments to their invoices. */
    List<PushOutcome> pushPayments(ProviderSession session, List<PaymentPush> batch);

    /**
     * Credit notes and payments of one dispatch turn in one call, for a provider that declares
     * {@link ProviderCapability#SETTLEMENTS_IN_ONE_CALL}; the engine calls it only then. One outcome per document of
     * either list, under the contract of {@link #pushCreditNotes} and {@link #pushPayments}: each document its own
     * outcome (and its own {@code reconcileFirst}), an exception only when the whole call failed. Every document here
     * follows its invoice, already synced; the host checked before that a credit note and payments of the same invoice
     * together fit what it owes.
     *
     * @since 2.1
     */
    default List<PushOutcome> pushSettlements(ProviderSession session, List<CreditNotePush> creditNotes, List<PaymentPush> payments) {
        throw new UnsupportedOperationException("this provider sends credit notes and payments in calls of their own ("
                + ProviderCapability.SETTLEMENTS_IN_ONE_CALL + " not declared)");
    }
}
