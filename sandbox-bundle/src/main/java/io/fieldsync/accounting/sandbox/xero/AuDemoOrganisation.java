package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

/**
 * An Australian organisation (AUD, GST 10%), beside the New Zealand {@link DemoOrganisation}. Its tax rates are the
 * defaults Xero sets up in every AU organisation, names and percentages from Xero's AU help ("The default tax names
 * and their rates set up in Xero are: BAS Excluded 0%, GST Free Capital 0%, GST Free Expenses 0%, GST Free Exports
 * 0%, GST Free Income 0%, GST on Capital 10%, GST on Capital Imports 0%, GST on Expenses 10%, GST on Imports 0%, GST
 * on Income 10%, Input Taxed 0%", help.xero.com/au/Settings_TaxRates); their TaxType codes are those of the OpenAPI
 * TaxType enum as Xero named them when it retired "No GST" (NONE) in AU organisations
 * (developer.xero.com/changes-to-tax-codes-in-australia, 25 March 2013) and as third-party Xero connectors list them
 * per name. There is no NONE. [U] Which of them may apply to revenue, expenses or balance-sheet accounts is a guess
 * from their names. The accounts and contacts mirror the NZ demo's codes (a guess, for the tests' sake).
 */
public final class AuDemoOrganisation {

    public static final String NAME = "Demo Company (AU)";

    private AuDemoOrganisation() {
    }

    public static Organisation create(XeroSandbox sandbox) {
        return create(sandbox, NAME);
    }

    public static Organisation create(XeroSandbox sandbox, String name) {
        return sandbox.organisation(name)
                .baseCurrency("AUD", "AU", "AU")
                .bankAccount("090", "Business Bank Account", "062000123456789")
                .paymentsAccount("615", "Undeposited Funds", "CURRENT")
                .account("200", "Sales", "REVENUE", "OUTPUT")
                .account("260", "Other Revenue", "REVENUE", "OUTPUT")
                .account("400", "Advertising", "OVERHEADS", "INPUT")
                .systemAccount("610", "Accounts Receivable", "CURRENT", "DEBTORS")
                .systemAccount("800", "Accounts Payable", "CURRLIAB", "CREDITORS")
                .systemAccount("820", "GST", "CURRLIAB", "GST")
                .taxRate("OUTPUT", "GST on Income", "10", "OUTPUT", true, false, false)
                .taxRate("INPUT", "GST on Expenses", "10", "INPUT", false, true, false)
                .taxRate("CAPEXINPUT", "GST on Capital", "10", "CAPITALEXINPUT", false, true, true)
                .taxRate("EXEMPTCAPITAL", "GST Free Capital", "0", "EXEMPTCAPITAL", false, true, true)
                .taxRate("EXEMPTEXPENSES", "GST Free Expenses", "0", "EXEMPTEXPENSES", false, true, false)
                .taxRate("EXEMPTEXPORT", "GST Free Exports", "0", "EXEMPTEXPORT", true, false, false)
                .taxRate("EXEMPTOUTPUT", "GST Free Income", "0", "EXEMPTOUTPUT", true, false, false)
                .taxRate("GSTONCAPIMPORTS", "GST on Capital Imports", "0", "GSTONCAPIMPORTS", false, true, true)
                .taxRate("GSTONIMPORTS", "GST on Imports", "0", "GSTONIMPORTS", false, true, false)
                .taxRate("INPUTTAXED", "Input Taxed", "0", "INPUTTAXED", true, true, false)
                .taxRate("BASEXCLUDED", "BAS Excluded", "0", "BASEXCLUDED", true, true, true)
                .item("SVC-CALL", "Service call-out", "95.00", "200", "OUTPUT")
                .item("LAB-HR", "Labour (per hour)", "85.00", "200", "OUTPUT")
                .contact("Liam Gallagher", "liam@rockstar.com")
                .contact("Ridgeway University", "accounts@ridgeway.example")
                .contact("Bayside Club", "secretary@bayside.example")
                .create();
    }
}
