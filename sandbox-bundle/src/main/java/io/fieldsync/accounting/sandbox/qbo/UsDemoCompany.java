package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
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
 * A US demo company (USD, CompanyInfo.Country "US"): QBO's US sales-tax model, where a line is only taxable or not
 * ({@code TaxCodeRef} TAX or NON) and the transaction names one sales-tax code ({@code TxnTaxDetail.TxnTaxCodeRef},
 * api-facts §8.2). Accounts, their numbers and the items are those of {@link DemoCompany}, so the same mappings work
 * for both; the tax codes are:
 * <ul>
 *   <li>{@code TAX} (Taxable true) and {@code NON} (Taxable false): the pseudo codes QBO lists for US companies,
 *       with no rates, the only values a line may name;</li>
 *   <li>"2" California (TaxRate "3", 8.25%), "3" Nevada (TaxRate "4", 6.85%), "4" Old County (TaxRate "5", 1%,
 *       inactive) and "5" Los Angeles, a combined code (TaxRates "6" California state 7.25% + "7" Los Angeles
 *       County district 2.25% = 9.5%).</li>
 * </ul>
 * Automated Sales Tax is not simulated: the company is a manual sales-tax company (see the sandbox README).
 */
public final class UsDemoCompany {

    public static final String NAME = "FieldSync Demo Company (US)";

    private UsDemoCompany() {
    }

    public static Company create(Companies companies, String name) {
        Company company = companies.create(name, ZoneId.of("America/Los_Angeles"), "USD", "US");
        synchronized (company) {
            account(company, "Sales", "Income", "SalesOfProductIncome", "4000", true);
            account(company, "Services", "Income", "ServiceFeeIncome", "4100", true);
            account(company, "Materials Income", "Income", "SalesOfProductIncome", "4200", true);
            account(company, "Undeposited Funds", "Other Current Asset", "UndepositedFunds", "1250", true);
            account(company, "Checking", "Bank", "Checking", "1100", true);
            account(company, "Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable", "1200", true);
            account(company, "Sales Tax Payable", "Other Current Liability", "SalesTaxPayable", "2100", true);
            account(company, "Old Income", "Income", "ServiceFeeIncome", "4900", false);
            skipTo(company, "TaxRate", 3);
            taxRate(company, "California", new BigDecimal("8.25"));
            taxRate(company, "Nevada", new BigDecimal("6.85"));
            taxRate(company, "Old County", BigDecimal.ONE);
            taxRate(company, "California state", new BigDecimal("7.25"));
            taxRate(company, "Los Angeles County district", new BigDecimal("2.25"));
            skipTo(company, "TaxCode", 2);
            pseudoTaxCode(company, "TAX", true);
            pseudoTaxCode(company, "NON", false);
            taxCode(company, "California", "California 8.25%", List.of("3"), true, true);
            taxCode(company, "Nevada", "Nevada 6.85%", List.of("4"), true, true);
            taxCode(company, "Old County", "Retired county tax", List.of("5"), false, true);
            taxCode(company, "Los Angeles", "California state + Los Angeles County district", List.of("6", "7"), true,
                    true);
            serviceItem(company, "Services", "2");
            serviceItem(company, "Hours", "2");
            customer(company, "Bayside Plumbing Inc", "accounts@baysideplumbing.example");
            customer(company, "Maria Lopez", null);
            customer(company, "Sierra Electric", null);
        }
        return company;
    }

    /** TAX and NON as QBO lists them for a US company: Id = Name, no rates, only whether a line is taxable. */
    private static void pseudoTaxCode(Company company, String name, boolean taxable) {
        ObjectNode c = SandboxJson.object();
        c.put("Name", name);
        c.put("Description", name);
        c.put("Active", true);
        c.put("Hidden", false);
        c.put("Taxable", taxable);
        c.put("TaxGroup", false);
        company.insertAs("TaxCode", name, c);
    }
}
