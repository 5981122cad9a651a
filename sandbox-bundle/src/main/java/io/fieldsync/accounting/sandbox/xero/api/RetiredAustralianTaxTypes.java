package io.fieldsync.accounting.sandbox.xero.api;

import io.fieldsync.accounting.sandbox.xero.ledger.Account;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

/**
 * What Xero does with the tax types it retired in Australian organisations on 25 March 2013: "If you specify a
 * TaxType of NONE or EXEMPTINPUT against an Australian organisation … the Xero API will automatically map these to
 * either EXEMPTEXPENSES or BASEXCLUDED": EXEMPTINPUT on any account → BASEXCLUDED; NONE on an EXPENSE account →
 * EXEMPTEXPENSES; NONE on all other accounts → BASEXCLUDED (developer.xero.com/changes-to-tax-codes-in-australia).
 * So an untaxed sale sent as NONE is not refused but booked as BAS Excluded, left out of the BAS altogether, where a
 * GST-free sale belongs in G3 as GST Free Income. [U] That the mapping still holds today: it is the only published
 * word; a refusal of NONE ("invalid tax type") is the other thing Xero could do now.
 */
final class RetiredAustralianTaxTypes {

    private RetiredAustralianTaxTypes() {
    }

    /** The tax type Xero books for {@code taxType} in {@code org}; unchanged outside Australia or when the org has it. */
    static String replace(Organisation org, String taxType, Account account) {
        if (taxType == null || !"AU".equals(org.countryCode()) || org.taxRate(taxType).isPresent()) {
            return taxType;
        }
        if (taxType.equalsIgnoreCase("EXEMPTINPUT")) {
            return "BASEXCLUDED";
        }
        if (taxType.equalsIgnoreCase("NONE")) {
            return account != null && "EXPENSE".equals(account.type()) ? "EXEMPTEXPENSES" : "BASEXCLUDED";
        }
        return taxType;
    }
}
