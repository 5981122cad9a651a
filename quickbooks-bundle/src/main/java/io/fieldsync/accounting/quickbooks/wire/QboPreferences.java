package io.fieldsync.accounting.quickbooks.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The company settings that decide what QBO accepts (Finance.xsd: Preferences): its currencies, its sales tax and
 * whether sales forms take discounts. Only the parts this provider reads.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QboPreferences(CurrencyPrefs currencyPrefs, TaxPrefs taxPrefs, SalesFormsPrefs salesFormsPrefs) {

    /** Multicurrency on or off, and the home currency (ReferenceType: the currency code). */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CurrencyPrefs(Boolean multiCurrencyEnabled, QboRef homeCurrency) {
    }

    /** {@code PartnerTaxEnabled}: present for a company on Automated Sales Tax, true once its sales tax is set up. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TaxPrefs(Boolean usingSalesTax, Boolean partnerTaxEnabled) {
    }

    /** {@code AllowDiscount}: "Enable specifying Discount". */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SalesFormsPrefs(Boolean allowDiscount) {
    }
}
