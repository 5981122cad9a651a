package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.qbo.wire.QboTime;

/**
 * The company settings that change what QBO accepts, and the {@code Preferences} entity that shows them
 * (Finance.xsd: Preferences, CurrencyPrefs, TaxPrefs, SalesFormsPrefs). Changed only by the sandbox's owner (as a
 * person would in QBO's Account and settings), under the company's monitor.
 * <ul>
 *   <li>{@code CurrencyPrefs.MultiCurrencyEnabled}: off by default, "it must be enabled in order to track transactions
 *       with currencies other than the company's home currency", and once on it cannot be turned off (Intuit, "Manage
 *       multiple currencies", developer.intuit.com/app/developer/qbo/docs/workflows/manage-multiple-currencies).</li>
 *   <li>{@code TaxPrefs.PartnerTaxEnabled}: present and true when Automated Sales Tax is on and set up, absent when the
 *       company does not use AST (Intuit blog "Automated Sales Tax – FAQ", 2018-05-11).</li>
 *   <li>{@code SalesFormsPrefs.AllowDiscount}: "Enable specifying Discount" (Finance.xsd).</li>
 *   <li>AllowPartnerTaxOverride: the user's choice whether apps may override AST's amounts (Finance.xsd,
 *       TxnTaxDetail.UseAutomatedSalesTax); the Preferences entity has no field for it, so it is not shown.</li>
 * </ul>
 */
public final class CompanyPreferences {

    private final Company company;
    private boolean multiCurrencyEnabled;
    private boolean allowDiscount = true;
    private String automatedSalesTaxCode;
    private boolean allowPartnerTaxOverride = true;
    private int syncToken;

    CompanyPreferences(Company company) {
        this.company = company;
    }

    public boolean multiCurrencyEnabled() {
        return multiCurrencyEnabled;
    }

    /** Turns multicurrency on; QBO cannot turn it off again. */
    public CompanyPreferences enableMultiCurrency() {
        multiCurrencyEnabled = true;
        syncToken++;
        return this;
    }

    public boolean allowDiscount() {
        return allowDiscount;
    }

    public CompanyPreferences allowDiscount(boolean allowed) {
        allowDiscount = allowed;
        syncToken++;
        return this;
    }

    /**
     * The sales-tax code AST assigns to this company's taxable sales, or null when the company does not use AST.
     * QBO's AST picks it from the company's and the ship-to address; the sandbox, which has no tax tables, uses one
     * code for every transaction [simplification].
     */
    public String automatedSalesTaxCode() {
        return automatedSalesTaxCode;
    }

    /** Switches Automated Sales Tax on (US companies), assigning {@code taxCodeId} to taxable sales. */
    public CompanyPreferences automatedSalesTax(String taxCodeId, boolean allowPartnerOverride) {
        if (!company.usesUsSalesTax()) {
            throw new IllegalStateException("Automated Sales Tax exists for US companies only");
        }
        automatedSalesTaxCode = taxCodeId;
        allowPartnerTaxOverride = allowPartnerOverride;
        syncToken++;
        return this;
    }

    public boolean allowPartnerTaxOverride() {
        return allowPartnerTaxOverride;
    }

    /** The Preferences entity as QBO answers it (the parts the sandbox models). */
    public ObjectNode entity() {
        ObjectNode prefs = SandboxJson.object();
        ObjectNode sales = prefs.putObject("SalesFormsPrefs");
        sales.put("CustomTxnNumbers", true);
        sales.put("AllowDeposit", false);
        sales.put("AllowDiscount", allowDiscount);
        sales.put("AllowEstimates", true);
        sales.put("AllowServiceDate", true);
        sales.put("AllowShipping", false);
        ObjectNode tax = prefs.putObject("TaxPrefs");
        tax.put("UsingSalesTax", true);
        if (automatedSalesTaxCode != null) {
            tax.put("PartnerTaxEnabled", true);
        }
        ObjectNode currency = prefs.putObject("CurrencyPrefs");
        currency.put("MultiCurrencyEnabled", multiCurrencyEnabled);
        currency.set("HomeCurrency", Company.ref(company.currency(), null));
        prefs.put("domain", "QBO");
        prefs.put("sparse", false);
        prefs.put("Id", "1");
        prefs.put("SyncToken", String.valueOf(syncToken));
        ObjectNode meta = prefs.putObject("MetaData");
        meta.put("CreateTime", QboTime.meta(company.createdAt()));
        meta.put("LastUpdatedTime", QboTime.meta(company.now()));
        return prefs;
    }
}
