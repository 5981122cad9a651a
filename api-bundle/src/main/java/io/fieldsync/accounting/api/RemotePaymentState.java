package io.fieldsync.accounting.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the accounting system says an invoice's payments are.
 *
 * @param state paid, partly paid, unpaid or voided
 * @param amountPaid total paid so far (credits excluded)
 * @param amountCredited total credited by credit notes
 * @param amountDue what is still owed
 * @param lastPaymentDate the date of the latest payment (the fully-paid date when paid), or null
 * @param observedAt when this state was read from the accounting system
 */
public record RemotePaymentState(PaymentState state, BigDecimal amountPaid, BigDecimal amountCredited,
                                 BigDecimal amountDue, LocalDate lastPaymentDate, Instant observedAt) {

    /** Validates and normalises the amounts. */
    public RemotePaymentState {
        Objects.requireNonNull(state, "state");
        amountPaid = MoneyRules.amount(amountPaid, "amount paid");
        amountCredited = MoneyRules.amount(amountCredited, "amount credited");
        amountDue = MoneyRules.amount(amountDue, "amount due");
        Objects.requireNonNull(observedAt, "observed at");
    }
}
