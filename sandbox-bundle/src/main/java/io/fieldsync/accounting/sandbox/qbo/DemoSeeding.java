package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.ledger.Customers;
import io.fieldsync.accounting.sandbox.qbo.ledger.Items;

import java.math.BigDecimal;
import java.util.List;

/**
 * The entities a demo company is seeded with, written as QBO lists them; shared by {@link DemoCompany} (global tax
 * model) and {@link UsDemoCompany} (US sales tax). Callers hold the company's monitor.
 */
final class DemoSeeding {

    private DemoSeeding() {
    }

    static void account(Company company, String name, String type, String subType, String number, boolean active) {
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
        a.set("CurrencyRef", Company.ref(company.currency(), Customers.currencyName(company.currency())));
        company.insert("Account", a);
    }

    static void taxRate(Company company, String name, BigDecimal percent) {
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

    /**
     * A tax code whose sales rates are {@code rateIds} (more than one: a combined code, whose rates QBO adds up).
     * {@code group}: QBO's TaxGroup flag, which US sales-tax codes carry.
     */
    static void taxCode(Company company, String name, String description, List<String> rateIds, boolean active,
                        boolean group) {
        ObjectNode c = SandboxJson.object();
        c.put("Name", name);
        c.put("Description", description);
        c.put("Active", active);
        c.put("Hidden", false);
        c.put("Taxable", true);
        c.put("TaxGroup", group);
        ArrayNode details = c.putObject("SalesTaxRateList").putArray("TaxRateDetail");
        for (int order = 0; order < rateIds.size(); order++) {
            ObjectNode detail = details.addObject();
            detail.set("TaxRateRef", Company.ref(rateIds.get(order), null));
            detail.put("TaxTypeApplicable", "TaxOnAmount");
            detail.put("TaxOrder", order);
        }
        c.putObject("PurchaseTaxRateList").putArray("TaxRateDetail");
        company.insert("TaxCode", c);
    }

    static void serviceItem(Company company, String name, String incomeAccountId) {
        ObjectNode i = SandboxJson.object();
        i.put("Name", name);
        i.put("Type", "Service");
        i.set("IncomeAccountRef", Company.ref(incomeAccountId, null));
        Items.create(company, i);
    }

    static void customer(Company company, String name, String email) {
        ObjectNode c = SandboxJson.object();
        c.put("DisplayName", name);
        c.put("CompanyName", name);
        if (email != null) {
            c.putObject("PrimaryEmailAddr").put("Address", email);
        }
        Customers.create(company, c);
    }

    /** Lets a fresh table hand out {@code firstId} next. */
    static void skipTo(Company company, String entity, int firstId) {
        company.tableOf(entity).startIdsAt(firstId);
    }
}
