package io.fieldsync.accounting.sandbox.qbo;

import io.fieldsync.accounting.sandbox.qbo.ledger.Companies;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

import static io.fieldsync.accounting.sandbox.qbo.DemoSeeding.account;
import static io.fieldsync.accounting.sandbox.qbo.DemoSeeding.customer;
import static io.fieldsync.accounting.sandbox.qbo.DemoSeeding.serviceItem;
import static io.fieldsync.accounting.sandbox.qbo.DemoSeeding.skipTo;
import static io.fieldsync.accounting.sandbox.qbo.DemoSeeding.taxCode;
import static io.fieldsync.accounting.sandbox.qbo.DemoSeeding.taxRate;

/**
 * The demo company of the agreement: an Australian (global tax model, AUD) company with its chart of accounts, GST
 * codes and rates, two service items and three customers (one with an email), so that matching by email and by name
 * are both exercised. Ids are the agreement's, so tests and the provider's demo configuration can name them.
 */
public final class DemoCompany {

    public static final String NAME = "FieldSync Demo Company (AU)";

    private DemoCompany() {
    }

    public static Company create(Companies companies, String name) {
        Company company = companies.create(name, ZoneId.of("Australia/Sydney"), "AUD", "AU");
        synchronized (company) {
            account(company, "Sales", "Income", "SalesOfProductIncome", "4000", true);
            account(company, "Services", "Income", "ServiceFeeIncome", "4100", true);
            account(company, "Materials Income", "Income", "SalesOfProductIncome", "4200", true);
            account(company, "Undeposited Funds", "Other Current Asset", "UndepositedFunds", "1250", true);
            account(company, "Business Cheque Account", "Bank", "Checking", "1100", true);
            account(company, "Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable", "1200", true);
            account(company, "GST Payable", "Other Current Liability", "GlobalTaxPayable", "2100", true);
            account(company, "Old Income", "Income", "ServiceFeeIncome", "4900", false);
            // TaxRate ids 20/21 and TaxCode ids 10-12 as the agreement names them: QBO numbers them apart from
            // other entities, so the sandbox skips ahead by inserting in a fixed order into fresh tables.
            skipTo(company, "TaxRate", 20);
            taxRate(company, "GST (sales)", new BigDecimal("10"));
            taxRate(company, "GST free", BigDecimal.ZERO);
            skipTo(company, "TaxCode", 10);
            taxCode(company, "GST", "GST (sales) 10%", List.of("20"), true, false);
            taxCode(company, "FRE", "GST free", List.of("21"), true, false);
            taxCode(company, "OLD", "Retired code", List.of("20"), false, false);
            serviceItem(company, "Services", "2");
            serviceItem(company, "Hours", "2");
            customer(company, "Harbour Plumbing Pty Ltd", "accounts@harbourplumbing.example");
            customer(company, "Liam Gallagher", null);
            customer(company, "Northside Electrical", null);
        }
        return company;
    }
}
