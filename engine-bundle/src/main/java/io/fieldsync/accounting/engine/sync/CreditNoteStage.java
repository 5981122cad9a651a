package io.fieldsync.accounting.engine.sync;

import java.util.Currency;
import java.util.List;
import java.util.Optional;

import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.admin.SyncSettings;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.connections.EngineSession;
import io.fieldsync.accounting.engine.store.JournalEntry;

/** Credit notes: each goes with its invoice synced, its lines booked, and only while it fits what the invoice still allows. */
final class CreditNoteStage implements DocumentStage<CreditNotePush, CreditNotePush> {

    private final RoundScope round;
    private final LineBookings bookings;
    private final boolean keepNumbers;
    private final InvoiceStatusOnPush invoicesSentAs;
    private final String context;
    private final InvoiceOfDependent invoices;

    CreditNoteStage(RoundScope round) {
        this.round = round;
        this.bookings = round.lineBookings();
        SyncSettings settings = round.stores().setup().settings(round.company());
        this.keepNumbers = settings.keepHostInvoiceNumbers();
        this.invoicesSentAs = settings.pushInvoicesAs();
        this.context = round.payloadContext();
        this.invoices = new InvoiceOfDependent(round);
    }

    @Override
    public Optional<CreditNotePush> check(JournalEntry entry) {
        CreditNote creditNote = round.json().read(entry.snapshot(), CreditNote.class);
        ProviderCapability needed = creditNote.fullCancellation() ? ProviderCapability.CREDIT_NOTES : ProviderCapability.PARTIAL_CREDIT_NOTES;
        if (!round.provider().descriptor().supports(needed)) {
            return unsupported(entry, creditNote.fullCancellation() ? "Sending credit notes" : "Sending partial credit notes");
        }
        if (entry.wasSyncedBefore() && !round.provider().descriptor().supports(ProviderCapability.CREDIT_NOTE_UPDATES)) {
            return unsupported(entry, "Changing a credit note already sent (it stays as first sent: change it in the accounting system by hand)");
        }
        Optional<InvoiceOfDependent.Found> invoice = invoices.find(entry, creditNote.invoiceHostId());
        if (invoice.isEmpty()) {
            return Optional.empty();
        }
        LineBookings.Booking booking = bookings.book(creditNote.lines());
        Optional<SyncError> problem = booking.problem()
                .or(() -> invoices.misfit(() -> invoices.dependents().check(round.company(), creditNote)));
        if (problem.isPresent()) {
            round.recorder().failedBeforeSending(entry, round.providerId(), problem.get());
            return Optional.empty();
        }
        String remoteCustomer = invoice.get().remoteCustomer();
        String remoteInvoice = invoice.get().remoteInvoice();
        String remoteCreditNote = entry.wasSyncedBefore() ? entry.remoteId() : null;
        // the invoice is synced as it is now (InvoiceOfDependent waits for a change on its way), so its snapshot holds the
        // currency it went with; how it went is the company's setting, which the provider checks where it matters
        Currency invoiceCurrency = round.json().read(invoice.get().invoice().snapshot(), Invoice.class).currency();
        return Optional.of(new CreditNotePush(entry.document(),
                round.keys().document(entry, entry.snapshotHash(), remoteCustomer, remoteInvoice, remoteCreditNote, context),
                creditNote, remoteCustomer, remoteInvoice, entry.inDoubt(), remoteCreditNote, booking.lines(), keepNumbers,
                invoiceCurrency, invoicesSentAs));
    }

    @Override
    public Optional<CreditNotePush> push(Checked<CreditNotePush> checked, RemoteCustomers customers) {
        return Optional.of(checked.document());
    }

    @Override
    public IdempotencyKey key(CreditNotePush push) {
        return push.key();
    }

    @Override
    public List<PushOutcome> send(EngineSession session, List<CreditNotePush> pushes) {
        return round.provider().provider().documents().pushCreditNotes(session, pushes);
    }

    private Optional<CreditNotePush> unsupported(JournalEntry entry, String what) {
        round.recorder().unsupported(entry, round.providerId(), SyncError.of(ErrorCode.UNSUPPORTED, what));
        return Optional.empty();
    }
}
