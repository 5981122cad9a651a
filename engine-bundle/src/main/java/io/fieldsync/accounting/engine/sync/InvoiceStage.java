package io.fieldsync.accounting.engine.sync;

import java.util.List;
import java.util.Optional;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.connections.EngineSession;
import io.fieldsync.accounting.engine.store.JournalEntry;

/** Invoices: each goes with its lines booked and its customer linked first to a remote contact. */
final class InvoiceStage implements DocumentStage<InvoiceStage.BookedInvoice, InvoicePush> {

    /** An invoice whose customer and lines passed the checks, with its lines booked. */
    record BookedInvoice(Invoice invoice, List<BookedLine> lines) {
    }

    private final RoundScope round;
    private final CustomerLinking customers;
    private final LineBookings bookings;
    private final SyncSettings settings;
    private final String context;

    InvoiceStage(RoundScope round, CustomerLinking customers) {
        this.round = round;
        this.customers = customers;
        this.bookings = round.lineBookings();
        this.settings = round.stores().setup().settings(round.company());
        this.context = round.payloadContext();
    }

    @Override
    public Optional<SyncError> unsupportedKind() {
        return round.provider().descriptor().supports(ProviderCapability.INVOICES) ? Optional.empty()
                : Optional.of(SyncError.of(ErrorCode.UNSUPPORTED, "Sending invoices"));
    }

    @Override
    public Optional<BookedInvoice> check(JournalEntry entry) {
        Invoice invoice = round.json().read(entry.snapshot(), Invoice.class);
        Optional<SyncError> unsupported = unsupported(entry, invoice);
        if (unsupported.isPresent()) {
            round.recorder().unsupported(entry, round.providerId(), unsupported.get());
            return Optional.empty();
        }
        LineBookings.Booking booking = bookings.book(invoice.lines());
        Optional<SyncError> problem = CustomerCheck.problem(invoice.customer()).or(booking::problem);
        if (problem.isPresent()) {
            round.recorder().failedBeforeSending(entry, round.providerId(), problem.get());
            return Optional.empty();
        }
        return Optional.of(new BookedInvoice(invoice, booking.lines()));
    }

    @Override
    public Optional<RemoteCustomers> prerequisites(EngineSession session, List<Checked<BookedInvoice>> checked) {
        return customers.link(session, checked.stream()
                .map(invoice -> new CustomerLinking.Invoiced(invoice.entry(), invoice.document().invoice().customer(),
                        invoice.document().invoice().currency()))
                .toList());
    }

    @Override
    public Optional<InvoicePush> push(Checked<BookedInvoice> checked, RemoteCustomers linked) {
        Invoice invoice = checked.document().invoice();
        Optional<String> remoteCustomer = linked.of(invoice.customer().hostId());
        if (remoteCustomer.isEmpty()) {
            return Optional.empty();
        }
        JournalEntry entry = checked.entry();
        String remoteInvoice = entry.wasSyncedBefore() ? entry.remoteId() : null;
        return Optional.of(new InvoicePush(entry.document(),
                round.keys().document(entry, entry.snapshotHash(), remoteCustomer.get(), remoteInvoice, context), invoice,
                remoteCustomer.get(), remoteInvoice, entry.inDoubt(), checked.document().lines(), settings.pushInvoicesAs(),
                settings.keepHostInvoiceNumbers()));
    }

    @Override
    public IdempotencyKey key(InvoicePush push) {
        return push.key();
    }

    @Override
    public List<PushOutcome> send(EngineSession session, List<InvoicePush> pushes) {
        return round.provider().provider().documents().pushInvoices(session, pushes);
    }

    private Optional<SyncError> unsupported(JournalEntry entry, Invoice invoice) {
        if (entry.wasSyncedBefore() && !round.provider().descriptor().supports(ProviderCapability.INVOICE_UPDATES)) {
            return Optional.of(SyncError.of(ErrorCode.UNSUPPORTED, "Updating an invoice already sent"));
        }
        if (invoice.lines().stream().anyMatch(line -> line.taxRateIds().size() > 1)
                && !round.provider().descriptor().supports(ProviderCapability.MULTIPLE_TAXES_PER_LINE)) {
            return Optional.of(SyncError.of(ErrorCode.UNSUPPORTED, "Several tax rates on one line"));
        }
        if (settings.pushInvoicesAs() == InvoiceStatusOnPush.DRAFT && !round.provider().descriptor().supports(ProviderCapability.DRAFT_INVOICES)) {
            return Optional.of(SyncError.of(ErrorCode.UNSUPPORTED, "Sending invoices as drafts"));
        }
        return Optional.empty();
    }
}
