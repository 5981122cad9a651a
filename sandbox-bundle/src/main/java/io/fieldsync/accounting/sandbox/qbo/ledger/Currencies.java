package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * QBO's multicurrency rules (Intuit, "Manage multiple currencies",
 * developer.intuit.com/app/developer/qbo/docs/workflows/manage-multiple-currencies; Intuit blog "Multicurrency for US
 * companies", 2015-06-18):
 * <ul>
 *   <li>without multicurrency every customer and transaction is in the home currency: a {@code CurrencyRef} naming
 *       another currency is refused;</li>
 *   <li>with it, a customer "can be associated with a single foreign currency", set when it is created (home when
 *       none is named) and never changed afterwards;</li>
 *   <li>a sales form or payment is in its customer's currency: one naming another currency is refused.</li>
 * </ul>
 * The refusals are Business Validation Errors (6000) here; their exact codes and words are not published [U].
 */
final class Currencies {

    private Currencies() {
    }

    /** The currency of a new customer: the one its CurrencyRef names, else the home currency. */
    static String ofNewCustomer(Company company, JsonNode request) {
        String requested = QboMoney.refValue(request, "CurrencyRef");
        if (requested == null || requested.equals(company.currency())) {
            return company.currency();
        }
        if (!company.preferences().multiCurrencyEnabled()) {
            throw QboFault.business("Multicurrency is not enabled for this company: a customer in " + requested
                    + " needs multicurrency, turned on in Account and settings (home currency " + company.currency()
                    + ")", "CurrencyRef");
        }
        return requested;
    }

    /** A customer keeps the currency it was created in: an update naming another one is refused. */
    static void refuseChange(ObjectNode stored, JsonNode request) {
        String requested = QboMoney.refValue(request, "CurrencyRef");
        String current = QboMoney.refValue(stored, "CurrencyRef");
        if (requested != null && current != null && !requested.equals(current)) {
            throw QboFault.business("The currency of customer " + stored.path("DisplayName").asText() + " is "
                    + current + " and cannot be changed to " + requested, "CurrencyRef");
        }
    }

    /** The currency of a transaction for {@code customer}: the customer's, which a CurrencyRef sent must name. */
    static String ofTransaction(Company company, ObjectNode customer, JsonNode request) {
        String customers = QboMoney.refValue(customer, "CurrencyRef");
        if (customers == null) {
            customers = company.currency();
        }
        String requested = QboMoney.refValue(request, "CurrencyRef");
        if (requested == null || requested.equals(customers)) {
            return customers;
        }
        if (!company.preferences().multiCurrencyEnabled()) {
            throw QboFault.business("Multicurrency is not enabled for this company: a transaction in " + requested
                    + " needs multicurrency, turned on in Account and settings (home currency " + company.currency()
                    + ")", "CurrencyRef");
        }
        throw QboFault.business("The transaction currency " + requested + " does not match the currency " + customers
                + " of customer " + customer.path("DisplayName").asText(), "CurrencyRef");
    }

    /** The reference object of a currency, with the name QBO gives it. */
    static ObjectNode ref(String code) {
        return Company.ref(code, Customers.currencyName(code));
    }
}
