package io.fieldsync.accounting.sandbox.xero.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.ledger.Account;
import io.fieldsync.accounting.sandbox.xero.ledger.Item;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.ledger.TaxRate;

import java.math.RoundingMode;

/** Wire shapes of the organisation and its settings (spec schemas Organisation, Account, TaxRate, Item). */
public final class SettingsJson {

    private SettingsJson() {
    }

    public static ObjectNode organisation(Organisation org) {
        ObjectNode n = SandboxJson.object();
        n.put("APIKey", org.tenantId().toString().replace("-", "").substring(0, 30).toUpperCase());
        n.put("Name", org.name());
        n.put("LegalName", org.name());
        n.put("PaysTax", true);
        n.put("Version", org.version());
        n.put("OrganisationType", "COMPANY");
        n.put("BaseCurrency", org.baseCurrency());
        n.put("CountryCode", org.countryCode());
        n.put("IsDemoCompany", false);
        n.put("OrganisationStatus", "ACTIVE");
        n.put("FinancialYearEndDay", 31);
        n.put("FinancialYearEndMonth", 3);
        n.put("SalesTaxBasis", "INVOICE");
        n.put("SalesTaxPeriod", "TWOMONTHS");
        n.put("DefaultSalesTax", "Tax Exclusive");
        n.put("DefaultPurchasesTax", "Tax Exclusive");
        n.put("CreatedDateUTC", XeroDates.msTimestamp(org.created()));
        n.put("OrganisationEntityType", "COMPANY");
        n.put("Timezone", "UTC");
        n.put("ShortCode", org.shortCode());
        n.put("OrganisationID", org.tenantId().toString());
        n.put("Edition", "BUSINESS");
        n.put("Class", "DEMO");
        n.putArray("Addresses");
        n.putArray("Phones");
        n.putArray("ExternalLinks");
        n.putObject("PaymentTerms");
        return n;
    }

    public static ObjectNode account(Account a) {
        ObjectNode n = SandboxJson.object();
        n.put("AccountID", a.id().toString());
        if (a.code() != null) {
            n.put("Code", a.code());
        }
        n.put("Name", a.name());
        n.put("Status", a.status());
        n.put("Type", a.type());
        n.put("TaxType", a.taxType() == null ? "NONE" : a.taxType());
        if (a.description() != null) {
            n.put("Description", a.description());
        }
        n.put("Class", a.accountClass());
        n.put("SystemAccount", a.systemAccount() == null ? "" : a.systemAccount());
        n.put("EnablePaymentsToAccount", a.enablePaymentsToAccount());
        n.put("ShowInExpenseClaims", false);
        if (a.bank()) {
            n.put("BankAccountNumber", a.bankAccountNumber() == null ? "" : a.bankAccountNumber());
            n.put("BankAccountType", "BANK");
        }
        n.put("ReportingCode", a.revenue() ? "REV" : "EXP");
        n.put("HasAttachments", false);
        n.put("UpdatedDateUTC", XeroDates.msDateTime(a.updated()));
        n.put("AddToWatchlist", false);
        return n;
    }

    public static ObjectNode taxRate(TaxRate t) {
        ObjectNode n = SandboxJson.object();
        n.put("Name", t.name());
        n.put("TaxType", t.taxType());
        ObjectNode component = n.putArray("TaxComponents").addObject();
        component.put("Name", t.name());
        component.put("Rate", t.effectiveRate());
        component.put("IsCompound", false);
        component.put("IsNonRecoverable", false);
        n.put("Status", t.status());
        n.put("ReportTaxType", t.reportTaxType());
        n.put("CanApplyToAssets", t.canApplyToAssets());
        n.put("CanApplyToEquity", t.canApplyToEquity());
        n.put("CanApplyToExpenses", t.canApplyToExpenses());
        n.put("CanApplyToLiabilities", t.canApplyToLiabilities());
        n.put("CanApplyToRevenue", t.canApplyToRevenue());
        n.put("DisplayTaxRate", t.effectiveRate());
        n.put("EffectiveRate", t.effectiveRate());
        return n;
    }

    public static ObjectNode item(Item i, int unitDecimals) {
        ObjectNode n = SandboxJson.object();
        n.put("ItemID", i.id().toString());
        n.put("Code", i.code());
        n.put("Name", i.name());
        n.put("Description", i.description());
        n.put("IsSold", true);
        n.put("IsPurchased", false);
        n.put("IsTrackedAsInventory", false);
        ObjectNode sales = n.putObject("SalesDetails");
        sales.put("UnitPrice", i.salesUnitPrice().setScale(unitDecimals, RoundingMode.HALF_UP));
        if (i.salesAccountCode() != null) {
            sales.put("AccountCode", i.salesAccountCode());
        }
        if (i.salesTaxType() != null) {
            sales.put("TaxType", i.salesTaxType());
        }
        n.putObject("PurchaseDetails");
        n.put("UpdatedDateUTC", XeroDates.msDateTime(i.updated()));
        return n;
    }
}
