package io.fieldsync.accounting.engine.sync;

import java.util.List;
import java.util.Optional;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.connections.EngineSession;
import io.fieldsync.accounting.engine.store.JournalEntry;

/** Payments: each goes with its method mapped to a deposit account, its invoice synced, and only while it fits that invoice. */
final class PaymentStage implements DocumentStage<PaymentPush, PaymentPush> {

    private final RoundScope round;
    private final MappingCheck mappings;
    private final String context;
    private final InvoiceOfDependent invoices;

    PaymentStage(RoundScope round) {
        this.round = round;
        this.mappings = round.lineBookings().check();
        this.context = round.payloadContext();
        this.invoices = new InvoiceOfDependent(round);
    }

    @Override
    public Optional<SyncError> unsupportedKind() {
        return round.provider().descriptor().supports(ProviderCapability.PAYMENTS) ? Optional.empty()
                : Optional.of(SyncError.of(ErrorCode.UNSUPPORTED, "Sending payments"));
    }

    @Override
    public Optional<PaymentPush> check(JournalEntry entry) {
        Payment payment = round.json().read(entry.snapshot(), Payment.class);
        if (entry.wasSyncedBefore() && !round.provider().descriptor().supports(ProviderCapability.PAYMENT_UPDATES)) {
            round.recorder().unsupported(entry, round.providerId(), SyncError.of(ErrorCode.UNSUPPORTED,
                    "Changing a payment already sent (it stays as first sent: change it in the accounting system by hand)"));
            return Optional.empty();
        }
        Optional<SyncError> problem = mappings.depositGap(payment.method()).flatMap(gap -> MappingCheck.asError(List.of(gap)))
                .or(() -> invoices.misfit(() -> invoices.dependents().check(round.company(), payment)));
        if (problem.isPresent()) {
            round.recorder().failedBeforeSending(entry, round.providerId(), problem.get());
            return Optional.empty();
        }
        Optional<InvoiceOfDependent.Found> invoice = invoices.find(entry, payment.invoiceHostId());
        if (invoice.isEmpty()) {
            return Optional.empty();
        }
        String remoteInvoice = invoice.get().remoteInvoice();
        String remoteCustomer = invoice.get().remoteCustomer();
        String deposit = mappings.depositAccount(payment.method()).orElseThrow();
        String remotePayment = entry.wasSyncedBefore() ? entry.remoteId() : null;
        return Optional.of(new PaymentPush(entry.document(),
                round.keys().document(entry, entry.snapshotHash(), remoteInvoice, remoteCustomer, deposit, remotePayment, context),
                payment, remoteInvoice, remoteCustomer, deposit, entry.inDoubt(), remotePayment));
    }

    @Override
    public Optional<PaymentPush> push(Checked<PaymentPush> checked, RemoteCustomers customers) {
        return Optional.of(checked.document());
    }

    @Override
    public IdempotencyKey key(PaymentPush push) {
        return push.key();
    }

    @Override
    public List<PushOutcome> send(EngineSession session, List<PaymentPush> pushes) {
        return round.provider().provider().documents().pushPayments(session, pushes);
    }
}
