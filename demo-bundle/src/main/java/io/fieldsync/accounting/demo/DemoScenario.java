package io.fieldsync.accounting.demo;

import java.io.IOException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentQuery;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.SyncLogQuery;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.admin.AuthorizationStart;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;

/**
 * A field-service company's first day with the integration, through the public API only: connect
 * (the admin's browser follows the consent redirect back to the engine's callback), map categories,
 * GST and deposit accounts from the accounting system's own lists, then lock invoices, collect
 * payments and cancel a few, and wait until everything has left the queue.
 */
public final class DemoScenario {

    private static final Duration PAYMENT_STATE_WAIT = Duration.ofSeconds(20);
    private static final Set<SyncStatus> QUEUED = EnumSet.copyOf(java.util.Arrays.stream(SyncStatus.values()).filter(SyncStatus::isQueued).toList());

    private final AccountingSync sync;
    private final AccountingConnections connections;
    private final AccountingSetup setup;
    private final java.time.Clock clock;

    public DemoScenario(AccountingSync sync, AccountingConnections connections, AccountingSetup setup, java.time.Clock clock) {
        this.sync = sync;
        this.connections = connections;
        this.setup = setup;
        this.clock = clock;
    }

    /** Runs the whole scenario for {@code company} and waits at most {@code timeout} for the queue to drain. */
    public DemoReport run(CompanyId company, DemoPlan plan, Duration timeout) throws IOException, InterruptedException {
        Instant start = clock.instant();
        connect(company);
        ReferenceData reference = setup.referenceData(company);
        setup.saveMappings(company, mappings(reference));
        DemoBook book = new DemoBook(plan, DemoRegion.of(reference));
        book.submitTo(sync, company);
        boolean drained = awaitQueueEmpty(company, start.plus(timeout));
        if (drained && plan.payments() > 0) {
            awaitPaymentStateBack(company, book.invoices().get(0), clock.instant().plus(PAYMENT_STATE_WAIT));
        }
        return report(company, book, plan, start, drained);
    }

    /** The admin's part of OAuth: open the consent URL; the browser comes back to the engine's callback. */
    public ConnectionStatus connect(CompanyId company) throws IOException, InterruptedException {
        ConnectionStatus before = connections.status(company);
        if (before.state() == ConnectionState.CONNECTED) {
            return before;
        }
        AuthorizationStart start = connections.beginAuthorization(company);
        HttpResponse<String> landing = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(start.authorizationUrl()).GET().build(), HttpResponse.BodyHandlers.ofString());
        ConnectionStatus after = connections.status(company);
        if (after.state() != ConnectionState.CONNECTED) {
            throw new IllegalStateException("connecting failed: the browser ended at " + landing.uri() + " with " + landing.statusCode()
                    + ": " + landing.body());
        }
        return after;
    }

    /**
     * Every category to the sales account, GST to the organisation's active sales rate of its region, card payments
     * to undeposited funds.
     */
    public static Mappings mappings(ReferenceData reference) {
        RemoteAccount sales = reference.account("200").filter(RemoteAccount::active)
                .or(() -> reference.accounts().stream().filter(a -> a.active() && a.type() == AccountType.REVENUE).findFirst())
                .orElseThrow(() -> new IllegalStateException("the organisation has no active revenue account"));
        RemoteTaxRate gst = DemoRegion.of(reference).salesRate(reference).orElseThrow();
        RemoteAccount bank = reference.accounts().stream().filter(a -> a.active() && a.type() == AccountType.BANK).findFirst()
                .orElseThrow(() -> new IllegalStateException("the organisation has no active bank account"));
        RemoteAccount undeposited = reference.accounts().stream()
                .filter(a -> a.active() && a.acceptsPayments() && a.type() != AccountType.BANK).findFirst().orElse(bank);
        Map<String, String> categories = Map.of(ProductCategory.LABOUR, sales.key(), ProductCategory.MATERIALS, sales.key(),
                ProductCategory.EQUIPMENT, sales.key(), ProductCategory.OTHER, sales.key());
        return new Mappings(categories, Map.of(), Map.of(DemoBook.GST, gst.code()), sales.key(), bank.key(),
                Map.of(PaymentMethod.CARD, undeposited.key()));
    }

    /** Payment states come back by webhook a moment after the payments synced. */
    private void awaitPaymentStateBack(CompanyId company, Invoice paid, Instant deadline) throws InterruptedException {
        while (clock.instant().isBefore(deadline)) {
            if (sync.status(DocumentRef.invoice(company, paid.hostId())).map(DocumentStatus::paymentState).isPresent()) {
                return;
            }
            Thread.sleep(250);
        }
    }

    private boolean awaitQueueEmpty(CompanyId company, Instant deadline) throws InterruptedException {
        while (clock.instant().isBefore(deadline)) {
            if (sync.documents(new DocumentQuery(company, QUEUED, Set.of(), 0, 1)).total() == 0) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private DemoReport report(CompanyId company, DemoBook book, DemoPlan plan, Instant start, boolean drained) {
        Map<DocumentKind, Map<SyncStatus, Long>> byKind = new EnumMap<>(DocumentKind.class);
        for (DocumentKind kind : EnumSet.of(DocumentKind.INVOICE, DocumentKind.PAYMENT, DocumentKind.CREDIT_NOTE)) {
            Map<SyncStatus, Long> counts = new EnumMap<>(SyncStatus.class);
            for (SyncStatus status : SyncStatus.values()) {
                long count = sync.documents(new DocumentQuery(company, Set.of(status), Set.of(kind), 0, 1)).total();
                if (count > 0) {
                    counts.put(status, count);
                }
            }
            byKind.put(kind, counts);
        }
        List<DocumentStatus> examples = new ArrayList<>();
        List<Invoice> invoices = book.invoices();
        examples.add(status(DocumentRef.invoice(company, invoices.get(0).hostId())));
        if (plan.payments() > 1) {
            examples.add(status(DocumentRef.payment(company, book.payment(1).hostId())));
            examples.add(status(DocumentRef.invoice(company, invoices.get(1).hostId())));
        }
        if (plan.cancellations() > 0) {
            examples.add(status(DocumentRef.creditNote(company, book.cancellation(invoices.get(invoices.size() - 1)).hostId())));
        }
        sync.documents(DocumentQuery.byStatus(company, SyncStatus.FAILED)).documents().stream().limit(3).forEach(examples::add);
        int calls = sync.syncLog(new SyncLogQuery(company, null, false, start, 1000)).size();
        return new DemoReport(connections.status(company), byKind, examples, calls, Duration.between(start, clock.instant()), drained);
    }

    private DocumentStatus status(DocumentRef document) {
        return sync.status(document).orElseThrow();
    }

}
