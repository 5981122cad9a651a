package io.fieldsync.accounting.quickbooks;

import java.util.List;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.PaymentPush;
import io.fieldsync.accounting.api.spi.ProviderDocuments;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;

/** The documents QuickBooks Online is sent: each kind to the class that speaks its entity. */
final class QboDocuments implements ProviderDocuments {

    private final QboCustomers customers;
    private final QboInvoices invoices;
    private final QboCreditMemos creditMemos;
    private final QboPayments payments;
    private final QboSettlements settlements;

    QboDocuments(QboCustomers customers, QboInvoices invoices, QboCreditMemos creditMemos, QboPayments payments, QboSettlements settlements) {
        this.customers = customers;
        this.invoices = invoices;
        this.creditMemos = creditMemos;
        this.payments = payments;
        this.settlements = settlements;
    }

    @Override
    public List<PushOutcome> pushCustomers(ProviderSession session, List<CustomerPush> batch) {
        return withUnknownOutcomes(batch.stream().map(CustomerPush::document).toList(), () -> customers.push(session, batch));
    }

    @Override
    public List<PushOutcome> pushInvoices(ProviderSession session, List<InvoicePush> batch) {
        return withUnknownOutcomes(batch.stream().map(InvoicePush::document).toList(), () -> invoices.push(session, batch));
    }

    @Override
    public List<PushOutcome> pushCreditNotes(ProviderSession session, List<CreditNotePush> batch) {
        return withUnknownOutcomes(batch.stream().map(CreditNotePush::document).toList(), () -> creditMemos.push(session, batch));
    }

    @Override
    public List<PushOutcome> pushPayments(ProviderSession session, List<PaymentPush> batch) {
        return withUnknownOutcomes(batch.stream().map(PaymentPush::document).toList(), () -> payments.push(session, batch));
    }

    @Override
    public List<PushOutcome> pushSettlements(ProviderSession session, List<CreditNotePush> creditNotes, List<PaymentPush> batch) {
        List<DocumentRef> documents = new java.util.ArrayList<>(creditNotes.stream().map(CreditNotePush::document).toList());
        batch.forEach(push -> documents.add(push.document()));
        return withUnknownOutcomes(documents, () -> settlements.push(session, creditNotes, batch));
    }

    /**
     * A single write whose answer was lost (outside a batch: a customer update) leaves every document of the
     * call with an unknown outcome, to be reconciled. Batches report lost answers per chunk themselves.
     */
    private static List<PushOutcome> withUnknownOutcomes(List<DocumentRef> documents, Supplier<List<PushOutcome>> push) {
        try {
            return push.get();
        } catch (OutcomeUnknownException lost) {
            return documents.stream().map(document -> PushOutcome.unknown(document, lost.getMessage())).toList();
        }
    }
}
