package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

/**
 * A small New Zealand organisation like Xero's Demo Company: a bank account (090), a savings account (091),
 * undeposited funds that accept payments (615), Sales (200), the usual system accounts, GST rates (OUTPUT2 15% on
 * income, INPUT2 15% on expenses, NONE, ZERORATED, and the archived 12.5% rate), three items and three contacts.
 */
public final class DemoOrganisation {

    public static final String NAME = "Demo Company (NZ)";

    private DemoOrganisation() {
    }

    public static Organisation create(XeroSandbox sandbox) {
        return create(sandbox, NAME);
    }

    public static Organisation create(XeroSandbox sandbox, String name) {
        return sandbox.organisation(name)
                .bankAccount("090", "Business Bank Account", "0209087654321050")
                .bankAccount("091", "Business Savings Account", "0209087654321051")
                .paymentsAccount("615", "Undeposited Funds", "CURRENT")
                .account("200", "Sales", "REVENUE", "OUTPUT2")
                .account("260", "Other Revenue", "REVENUE", "OUTPUT2")
                .account("400", "Advertising", "OVERHEADS", "INPUT2")
                .archivedAccount("299", "Old Sales", "REVENUE", "OUTPUT2")
                .systemAccount("610", "Accounts Receivable", "CURRENT", "DEBTORS")
                .systemAccount("800", "Accounts Payable", "CURRLIAB", "CREDITORS")
                .systemAccount("820", "GST", "CURRLIAB", "GST")
                .salesTaxRate("OUTPUT2", "15% GST on Income", "15")
                .purchasesTaxRate("INPUT2", "15% GST on Expenses", "15")
                .taxRate("NONE", "No GST", "0")
                .taxRate("ZERORATED", "Zero Rated", "0")
                .taxRate("OUTPUT", "12.5% GST on Income (before Oct 2010)", "12.5", "ARCHIVED", true, false)
                .item("SVC-CALL", "Service call-out", "95.00", "200", "OUTPUT2")
                .item("LAB-HR", "Labour (per hour)", "85.00", "200", "OUTPUT2")
                .item("PART-FLT", "Air filter", "24.50", "200", "OUTPUT2")
                .contact("Liam Gallagher", "liam@rockstar.com")
                .contact("Ridgeway University", "accounts@ridgeway.example")
                .contact("Bayside Club", "secretary@bayside.example")
                .create();
    }
}
