package io.fieldsync.accounting.api.spi.testing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RateLimitObservation;
import io.fieldsync.accounting.api.spi.TokenSet;

/**
 * The engine's side of a session, as plain as the SPI allows, for providers' tests: tokens kept here, refreshed
 * through the provider, calls and limit observations recorded; the company's mappings and settings kept here too, and
 * turned into the booked lines and settings of pushes as the engine would.
 */
public final class TestSession implements ProviderSession {

    public final List<SyncLogEntry> calls = new CopyOnWriteArrayList<>();
    public final List<RateLimitObservation> limits = new CopyOnWriteArrayList<>();
    /** The item count of every call recorded as a batch request ({@link #recordBatch}), in order. */
    public final List<Integer> batchItems = new CopyOnWriteArrayList<>();
    private final AccountingProvider provider;
    private final String tenantId;
    public volatile TokenSet tokens;
    public volatile Mappings mappings;
    public volatile SyncSettings settings = SyncSettings.defaults();
    public int refreshes;
    /** What the journal would say: remote ids other documents are linked to, by document asking. */
    public final Map<DocumentRef, Set<String>> claimedByOthers = new java.util.concurrent.ConcurrentHashMap<>();

    public TestSession(AccountingProvider provider, TokenSet tokens, String tenantId, Mappings mappings) {
        this.provider = provider;
        this.tokens = tokens;
        this.tenantId = tenantId;
        this.mappings = mappings;
    }

    @Override
    public CompanyId company() {
        return CompanyId.of("acme");
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String accessToken() {
        return tokens.accessToken();
    }

    @Override
    public synchronized String refreshedAccessToken(String rejected) {
        if (!tokens.accessToken().equals(rejected)) {
            return tokens.accessToken();
        }
        refreshes++;
        tokens = provider.authorization().refresh(tokens);
        return tokens.accessToken();
    }

    /**
     * An invoice push with its lines booked from {@link #mappings} and its settings from {@link #settings}, as the engine
     * resolves them; a line the engine would refuse (an unmapped category or tax rate) fails here, for the engine
     * never sends it.
     */
    public InvoicePush invoicePush(DocumentRef document, IdempotencyKey key, Invoice invoice, String remoteCustomerId,
                                   String remoteInvoiceId, boolean reconcileFirst) {
        return new InvoicePush(document, key, invoice, remoteCustomerId, remoteInvoiceId, reconcileFirst, booked(invoice.lines()),
                settings.pushInvoicesAs(), settings.keepHostInvoiceNumbers());
    }

    /** A credit note push never synced before, booked like {@link #invoicePush}. */
    public CreditNotePush creditNotePush(DocumentRef document, IdempotencyKey key, CreditNote creditNote, String remoteCustomerId,
                                         String remoteInvoiceId, boolean reconcileFirst) {
        return creditNotePush(document, key, creditNote, remoteCustomerId, remoteInvoiceId, reconcileFirst, null);
    }

    /** A credit note push, booked like {@link #invoicePush}. */
    public CreditNotePush creditNotePush(DocumentRef document, IdempotencyKey key, CreditNote creditNote, String remoteCustomerId,
                                         String remoteInvoiceId, boolean reconcileFirst, String remoteCreditNoteId) {
        return new CreditNotePush(document, key, creditNote, remoteCustomerId, remoteInvoiceId, reconcileFirst, remoteCreditNoteId,
                booked(creditNote.lines()), settings.keepHostInvoiceNumbers());
    }

    /**
     * A credit note push never synced before that says, as the engine does, its invoice's currency and that the invoice
     * went as {@link #settings} say.
     */
    public CreditNotePush creditNotePush(DocumentRef document, IdempotencyKey key, CreditNote creditNote, String remoteCustomerId,
                                         String remoteInvoiceId, java.util.Currency invoiceCurrency) {
        return new CreditNotePush(document, key, creditNote, remoteCustomerId, remoteInvoiceId, false, null, booked(creditNote.lines()),
                settings.keepHostInvoiceNumbers(), invoiceCurrency, settings.pushInvoicesAs());
    }

    /** The lines booked from {@link #mappings}. */
    public List<BookedLine> booked(List<InvoiceLine> lines) {
        return lines.stream().map(line -> new BookedLine(line,
                mappings.revenueAccountFor(line.category()).orElseThrow(() -> new IllegalStateException(
                        "the engine sends no line of unmapped category " + line.category())),
                line.taxRateIds().stream().map(rate -> mappings.taxRateFor(rate).orElseThrow(() -> new IllegalStateException(
                        "the engine sends no line of unmapped tax rate " + rate))).toList(),
                mappings.itemFor(line.category()).orElse(null))).toList();
    }

    @Override
    public void record(SyncLogEntry call) {
        calls.add(call);
    }

    @Override
    public void recordBatch(SyncLogEntry call, int items) {
        calls.add(call);
        batchItems.add(items);
    }

    @Override
    public void observe(RateLimitObservation observation) {
        limits.add(observation);
    }

    @Override
    public Set<String> claimedByOthers(DocumentRef document, Collection<String> remoteIds) {
        Set<String> claimed = new java.util.HashSet<>(claimedByOthers.getOrDefault(document, Set.of()));
        claimed.retainAll(remoteIds);
        return claimed;
    }
}
