package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Customer rules: DisplayName is required (QBO derives it from the person's or company's name when it is missing)
 * and unique, ignoring case, among all customers active or not (6240, reference/api-facts.md §3.2). QBO never deletes
 * a customer: a client makes it inactive ({@code Active:false}).
 */
public final class Customers {

    private Customers() {
    }

    public static ObjectNode create(Company company, JsonNode request) {
        String currency = Currencies.ofNewCustomer(company, request);
        ObjectNode node = Writable.copy(request);
        complete(company, node, null);
        node.set("CurrencyRef", Currencies.ref(currency));
        return company.insert("Customer", node);
    }

    /** A full update (every writable field replaced) or a sparse one (only the fields sent). */
    public static ObjectNode update(Company company, JsonNode request) {
        ObjectNode stored = company.require("Customer", request.path("Id").asText(null));
        Company.checkSyncToken(stored, request);
        Currencies.refuseChange(stored, request);
        ObjectNode next = Writable.merged(stored, request);
        complete(company, next, stored.get("Id").asText());
        next.set("CurrencyRef", stored.has("CurrencyRef") ? stored.get("CurrencyRef").deepCopy() : Currencies.ref(company.currency()));
        Writable.replaceContent(stored, next);
        company.touch("Customer", stored, CompanyChange.Operation.UPDATED);
        return stored;
    }

    private static void complete(Company company, ObjectNode node, String selfId) {
        String display = node.path("DisplayName").asText("").strip();
        if (display.isEmpty()) {
            display = Stream.of("Title", "GivenName", "MiddleName", "FamilyName", "Suffix")
                    .map(f -> node.path(f).asText("").strip()).filter(s -> !s.isEmpty())
                    .collect(Collectors.joining(" "));
        }
        if (display.isEmpty()) {
            display = node.path("CompanyName").asText("").strip();
        }
        if (display.isEmpty()) {
            throw QboFault.required("DisplayName");
        }
        if (display.length() > 500) {
            throw QboFault.business("DisplayName is longer than 500 characters", "DisplayName");
        }
        String wanted = display.toLowerCase(Locale.ROOT);
        for (ObjectNode other : company.tableOf("Customer").all()) {
            if (!other.get("Id").asText().equals(selfId)
                    && other.path("DisplayName").asText().toLowerCase(Locale.ROOT).equals(wanted)) {
                throw QboFault.duplicateName(display);
            }
        }
        node.put("DisplayName", display);
        node.put("FullyQualifiedName", display);
        if (!node.has("PrintOnCheckName")) {
            node.put("PrintOnCheckName", display);
        }
        if (!node.has("Active")) {
            node.put("Active", true);
        }
        node.put("Job", false);
        node.put("BillWithParent", false);
        if (!node.has("PreferredDeliveryMethod")) {
            node.put("PreferredDeliveryMethod", "Print");
        }
        if (!node.has("Taxable")) {
            node.put("Taxable", true);
        }
        if (!node.has("Balance")) {
            node.put("Balance", BigDecimal.ZERO.setScale(2));
            node.put("BalanceWithJobs", BigDecimal.ZERO.setScale(2));
        }
    }

    public static String currencyName(String code) {
        return switch (code) {
            case "AUD" -> "Australian Dollar";
            case "USD" -> "United States Dollar";
            case "EUR" -> "Euro";
            case "GBP" -> "British Pound Sterling";
            case "NZD" -> "New Zealand Dollar";
            case "CAD" -> "Canadian Dollar";
            default -> code;
        };
    }
}
