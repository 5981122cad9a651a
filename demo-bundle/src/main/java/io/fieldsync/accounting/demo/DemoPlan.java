package io.fieldsync.accounting.demo;

/**
 * How big a demo run is.
 *
 * @param customers how many customers; the first three match the demo organisation's contacts (two by email, one by name)
 * @param invoices how many invoices to lock, spread over the customers
 * @param payments how many invoices get a payment (the first ones); every second payment is partial
 * @param cancellations how many of the last invoices are cancelled (never ones with payments)
 */
public record DemoPlan(int customers, int invoices, int payments, int cancellations) {

    /** Checks that the plan fits together. */
    public DemoPlan {
        if (customers < 3 || invoices < 1 || payments < 0 || cancellations < 0 || payments + cancellations > invoices) {
            throw new IllegalArgumentException("a demo needs at least 3 customers, 1 invoice, and payments + cancellations <= invoices");
        }
    }

    /** The scenario the Xero issue asks for: 100 invoices for 30 customers, 40 payments, 5 cancellations. */
    public static DemoPlan standard() {
        return new DemoPlan(30, 100, 40, 5);
    }
}
