package io.fieldsync.accounting.sandbox.qbo.control;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One payment as the sandbox's ledger held it when it was read.
 *
 * @param appliedTo      the ids of the invoices and credit memos its lines are linked to
 * @param depositAccount the id of the account it was deposited to (Undeposited Funds unless the client chose a bank)
 * @param deleted        deleted payments are kept (and listed) so that tests can see what happened
 */
public record QboPaymentSnapshot(String id, String syncToken, String customerId, LocalDate txnDate,
                                 BigDecimal totalAmt, BigDecimal unappliedAmt, List<String> appliedTo,
                                 String depositAccount, boolean voided, boolean deleted) {

    public QboPaymentSnapshot {
        appliedTo = List.copyOf(appliedTo);
    }
}
