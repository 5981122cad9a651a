package io.fieldsync.accounting.xero.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /Payments/{PaymentID}}: Xero payments cannot be changed, only deleted (OpenAPI
 * {@code deletePayment}, schema {@code PaymentDelete}).
 */
public record XeroPaymentDeletion(@JsonProperty("Status") String status) {

    public static XeroPaymentDeletion deleted() {
        return new XeroPaymentDeletion("DELETED");
    }
}
