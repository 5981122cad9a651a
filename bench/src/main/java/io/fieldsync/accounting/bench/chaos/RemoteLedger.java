package io.fieldsync.accounting.bench.chaos;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The accounting system's ledger as the sandbox reported it at the end of a run, in terms both vendors share. Records
 * that were deleted or voided are kept, with {@code live} false: they are not counted as present, but the report says
 * they exist.
 */
record RemoteLedger(List<Invoice> invoices, List<Payment> payments, List<CreditNote> creditNotes) {

    RemoteLedger {
        invoices = List.copyOf(invoices);
        payments = List.copyOf(payments);
        creditNotes = List.copyOf(creditNotes);
    }

    /**
     * @param paid     what payments settled on it
     * @param credited what credit notes settled on it
     * @param note     the private note (QuickBooks, where the integration writes its marker), else null
     */
    record Invoice(String id, String number, String contact, BigDecimal total, BigDecimal paid, BigDecimal credited,
                   String note, boolean live) {
    }

    /**
     * @param reference the payment's reference (Xero: the host's reference; QuickBooks: PaymentRefNum)
     * @param note      the private note (QuickBooks), else null
     */
    record Payment(String id, String invoiceNumber, BigDecimal amount, LocalDate date, String reference, String note,
                   boolean live) {
    }

    /** @param allocations what of it was applied to which invoice */
    record CreditNote(String id, String number, String contact, BigDecimal total, String note, List<Allocation> allocations,
                      boolean live) {

        CreditNote {
            allocations = List.copyOf(allocations);
        }

        BigDecimal allocatedTo(String invoiceNumber) {
            return allocations.stream().filter(a -> invoiceNumber.equals(a.invoiceNumber())).map(Allocation::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    record Allocation(String invoiceNumber, BigDecimal amount) {
    }
}
