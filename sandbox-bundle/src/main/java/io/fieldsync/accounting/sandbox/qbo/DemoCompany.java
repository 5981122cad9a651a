package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.qbo.ledger.Companies;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.ledger.Customers;
import io.fieldsync.accounting.sandbox.qbo.ledger.Items;

import java.math.BigDecimal;
import java.time.ZoneId;

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
        Company company = companies.create(name, ZoneId.of("Australia/Sydney"), "AUD");
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
            taxCode(company, "GST", "GST (sales) 10%", "20", true);
            taxCode(company, "FRE", "GST free", "21", true);
            taxCode(company, "OLD", "Retired code", "20", false);
            item(company, "Services");
            item(company, "Hours");
            Customers.create(company, customer("Harbour Plumbing Pty Ltd", "accounts@harbourplumbing.example"));
            Customers.create(company, customer("Liam Gallagher", null));
            Customers.create(company, customer("Northside Electrical", null));
        }
        return company;
    }

    private static void account(Company company, String name, String type, String subType, String number,
                                boolean active) {
        ObjectNode a = SandboxJson.object();
        a.put("Name", name);
        a.put("SubAccount", false);
        a.put("FullyQualifiedName", name);
        a.put("Active", active);
        a.put("Classification", switch (type) {
            case "Income" -> "Revenue";
            case "Other Current Liability" -> "Liability";
            default -> "Asset";
        });
        a.put("AccountType", type);
        a.put("AccountSubType", subType);
        a.put("AcctNum", number);
        a.put("CurrentBalance", BigDecimal.ZERO);
        a.put("CurrentBalanceWithSubAccounts", BigDecimal.ZERO);
        a.set("CurrencyRef", Company.ref(company.currency(), "Australian Dollar"));
        company.insert("Account", a);
    }

    private static void taxRate(Company company, String name, BigDecimal percent) {
        ObjectNode r = SandboxJson.object();
        r.put("Name", name);
        r.put("Description", name);
        r.put("Active", true);
        r.put("RateValue", percent);
        r.put("SpecialTaxType", "NONE");
        r.put("DisplayType", "ReadOnly");
        r.set("AgencyRef", Company.ref("1", null));
        company.insert("TaxRate", r);
    }

    private static void taxCode(Company company, String name, String description, String rateId, boolean active) {
        ObjectNode c = SandboxJson.object();
        c.put("Name", name);
        c.put("Description", description);
        c.put("Active", active);
        c.put("Hidden", false);
        c.put("Taxable", true);
        c.put("TaxGroup", false);
        ObjectNode detail = c.putObject("SalesTaxRateList").putArray("TaxRateDetail").addObject();
        detail.set("TaxRateRef", Company.ref(rateId, null));
        detail.put("TaxTypeApplicable", "TaxOnAmount");
        detail.put("TaxOrder", 0);
        c.putObject("PurchaseTaxRateList").putArray("TaxRateDetail");
        company.insert("TaxCode", c);
    }

    private static void item(Company company, String name) {
        ObjectNode i = SandboxJson.object();
        i.put("Name", name);
        i.put("Type", "Service");
        i.set("IncomeAccountRef", Company.ref("2", null));
        Items.create(company, i);
    }

    private static ObjectNode customer(String name, String email) {
        ObjectNode c = SandboxJson.object();
        c.put("DisplayName", name);
        c.put("CompanyName", name);
        if (email != null) {
            c.putObject("PrimaryEmailAddr").put("Address", email);
        }
        return c;
    }

    /** Lets a fresh table hand out {@code firstId} next. */
    private static void skipTo(Company company, String entity, int firstId) {
        company.tableOf(entity).startIdsAt(firstId);
    }
}
