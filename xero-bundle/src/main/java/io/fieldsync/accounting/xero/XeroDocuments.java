package io.fieldsync.accounting.xero;

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

/** The documents Xero is sent: each kind to the class that speaks its endpoint. */
final class XeroDocuments implements ProviderDocuments {

    private final XeroContacts contacts;
    private final XeroInvoices invoices;
    private final XeroCreditNotes creditNotes;
    private final XeroPayments payments;

    XeroDocuments(XeroContacts contacts, XeroInvoices invoices, XeroCreditNotes creditNotes, XeroPayments payments) {
        this.contacts = contacts;
        this.invoices = invoices;
        this.creditNotes = creditNotes;
        this.payments = payments;
    }

    @Override
    public List<PushOutcome> pushCustomers(ProviderSession session, List<CustomerPush> batch) {
        return withUnknownOutcomes(batch.stream().map(CustomerPush::document).toList(), () -> contacts.push(session, batch));
    }

    @Override
    public List<PushOutcome> pushInvoices(ProviderSession session, List<InvoicePush> batch) {
        return withUnknownOutcomes(batch.stream().map(InvoicePush::document).toList(), () -> invoices.push(session, batch));
    }

    @Override
    public List<PushOutcome> pushCreditNotes(ProviderSession session, List<CreditNotePush> batch) {
        return withUnknownOutcomes(batch.stream().map(CreditNotePush::document).toList(), () -> creditNotes.push(session, batch));
    }

    @Override
    public List<PushOutcome> pushPayments(ProviderSession session, List<PaymentPush> batch) {
        return withUnknownOutcomes(batch.stream().map(PaymentPush::document).toList(), () -> payments.push(session, batch));
    }

    /** A write whose answer was lost leaves every document of that call with an unknown outcome, to be reconciled. */
    private static List<PushOutcome> withUnknownOutcomes(List<DocumentRef> documents, Supplier<List<PushOutcome>> push) {
        try {
            return push.get();
        } catch (OutcomeUnknownException lost) {
            return documents.stream().map(document -> PushOutcome.unknown(document, lost.getMessage())).toList();
        }
    }
}
