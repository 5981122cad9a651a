package io.fieldsync.accounting.api.spi;

import java.util.Collection;
import java.util.Set;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncLogEntry;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The engine's side of one call into a provider: whose connection it is, its tokens, and where to report what
 * happened. Providers keep no state of their own between calls; what a document books to and the settings that
 * shape it arrive with the push itself ({@link InvoicePush}, {@link CreditNotePush}, {@link PaymentPush}).
 */
@ProviderType
public interface ProviderSession {

    /** The company the call is for. */
    CompanyId company();

    /** The organisation (Xero tenant id, QuickBooks realm id). */
    String tenantId();

    /** The current access token. */
    String accessToken();

    /**
     * A fresh access token after {@code rejected} was refused (HTTP 401). Refreshes run one at a time
     * per connection and the new tokens are stored before this returns; if another call refreshed
     * meanwhile, its token is returned without a second refresh.
     *
     * @throws AccountingException CONNECTION_EXPIRED when the refresh token is refused
     */
    String refreshedAccessToken(String rejected);

    /** Records one call in the sync log. */
    void record(SyncLogEntry call);

    /**
     * Records one batch request in the sync log: one exchange that the accounting system meters as {@code items} calls
     * (QuickBooks counts every item of a {@code /batch} against its per-minute limit) and as one request against its
     * limit on batch requests ({@link ProviderLimits#batchRequestsPerMinute()}). The engine paces the connection by both.
     *
     * @param items how many operations the request carried, at least 1
     */
    default void recordBatch(SyncLogEntry call, int items) {
        record(call);
    }

    /** Reports what a response said about the limits, so the engine paces the next calls. */
    void observe(RateLimitObservation limits);

    /**
     * Of {@code remoteIds} (documents of {@code document}'s kind found in the accounting system), those the journal
     * already links to another of the company's documents. A provider that recognises a document by its content
     * (a Xero payment has no field to carry our mark) asks this before taking a remote document as {@code document}'s,
     * so that two equal payments are never taken for one.
     */
    default Set<String> claimedByOthers(DocumentRef document, Collection<String> remoteIds) {
        return Set.of();
    }
}
