package io.fieldsync.accounting.bench.chaos;

import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.Ticket;

/** One call the host makes to {@link AccountingSync}, with the document it hands over. */
sealed interface HostCall {

    /** The document the call is about. */
    DocumentRef document(CompanyId company);

    /** The host id of that document. */
    String hostId();

    /** The kind of that document. */
    DocumentKind kind();

    /** Makes the call; the returned ticket is the acknowledgement. */
    Ticket submit(AccountingSync sync, CompanyId company);

    /** An invoice locked, or changed after it was locked. */
    record LockInvoice(Invoice invoice) implements HostCall {

        @Override
        public DocumentKind kind() {
            return DocumentKind.INVOICE;
        }

        @Override
        public DocumentRef document(CompanyId company) {
            return DocumentRef.invoice(company, invoice.hostId());
        }

        @Override
        public String hostId() {
            return invoice.hostId();
        }

        @Override
        public Ticket submit(AccountingSync sync, CompanyId company) {
            return sync.invoiceLocked(company, invoice);
        }
    }

    /** A payment collected, or changed after it was collected. */
    record CollectPayment(Payment payment) implements HostCall {

        @Override
        public DocumentKind kind() {
            return DocumentKind.PAYMENT;
        }

        @Override
        public DocumentRef document(CompanyId company) {
            return DocumentRef.payment(company, payment.hostId());
        }

        @Override
        public String hostId() {
            return payment.hostId();
        }

        @Override
        public Ticket submit(AccountingSync sync, CompanyId company) {
            return sync.paymentCollected(company, payment);
        }
    }

    /** An invoice cancelled: its credit note. */
    record CancelInvoice(CreditNote creditNote) implements HostCall {

        @Override
        public DocumentKind kind() {
            return DocumentKind.CREDIT_NOTE;
        }

        @Override
        public DocumentRef document(CompanyId company) {
            return DocumentRef.creditNote(company, creditNote.hostId());
        }

        @Override
        public String hostId() {
            return creditNote.hostId();
        }

        @Override
        public Ticket submit(AccountingSync sync, CompanyId company) {
            return sync.invoiceCancelled(company, creditNote);
        }
    }
}
