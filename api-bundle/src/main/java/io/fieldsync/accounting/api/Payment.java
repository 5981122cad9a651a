package io.fieldsync.accounting.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * A payment the host collected against one invoice. It is applied to that invoice, into the
 * deposit account mapped for its method, exactly once.
 *
 * @param hostId the host's payment id
 * @param invoiceHostId the host id of the invoice paid
 * @param amount the amount, positive, two decimal places
 * @param date the payment date
 * @param method how it was collected
 * @param reference the payment reference (card slip, transfer reference), or null
 * @param currency the payment currency
 * @param exchangeRate home-currency units per one unit of {@code currency} when known, else null
 */
public record Payment(String hostId, String invoiceHostId, BigDecimal amount, LocalDate date, PaymentMethod method,
                      String reference, Currency currency, BigDecimal exchangeRate) {

    /** Validates the structure. */
    public Payment {
        HostIds.require(hostId, "payment host id");
        HostIds.require(invoiceHostId, "paid invoice host id");
        amount = MoneyRules.amount(amount, "payment amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("payment amount must be positive: " + amount);
        }
        Objects.requireNonNull(date, "payment date");
        Objects.requireNonNull(method, "payment method");
        reference = HostIds.optional(reference);
        Objects.requireNonNull(currency, "currency");
        if (exchangeRate != null) {
            exchangeRate = MoneyRules.exchangeRate(exchangeRate, "exchange rate");
        }
    }
}
