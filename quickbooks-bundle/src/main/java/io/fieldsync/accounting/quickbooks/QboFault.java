package io.fieldsync.accounting.quickbooks;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A QuickBooks {@code Fault}: its type and errors. Read without regard to case, because 401 answers come with
 * lower-case keys ({@code fault}, {@code error}, {@code message}) while validation faults use {@code Fault},
 * {@code Error}, {@code Message}, {@code Detail} beside lower-case {@code code} and {@code element}
 * (api-facts §8.1).
 *
 * @param type ValidationFault, SystemFault, AuthenticationFault, AuthorizationFault, AUTHENTICATION, SERVICE...
 * @param errors the errors, at least one for a real fault
 */
record QboFault(String type, List<Error> errors) {

    /**
     * One error.
     *
     * @param code Intuit's code with leading zeros removed ({@code 003001} is {@code 3001})
     * @param message the short message
     * @param detail the detail, the useful part for an admin
     * @param element the element it concerns, or null
     */
    record Error(String code, String message, String detail, String element) {

        /** Detail and message in one line for an admin and the sync log. */
        String words() {
            String text = detail == null || detail.isBlank() ? message : detail;
            return (text == null ? "" : text) + " (QuickBooks error " + code + (element == null || element.isBlank() ? "" : ", " + element) + ")";
        }
    }

    /** The fault in {@code node} (an answer or a batch item), or null when it carries none. */
    static QboFault of(JsonNode node) {
        JsonNode fault = field(node, "Fault");
        if (fault == null || !fault.isObject()) {
            return null;
        }
        List<Error> errors = new ArrayList<>();
        JsonNode list = field(fault, "Error");
        if (list != null) {
            for (JsonNode error : list.isArray() ? list : List.of(list)) {
                errors.add(new Error(code(text(error, "code")), text(error, "Message"), text(error, "Detail"), text(error, "element")));
            }
        }
        return new QboFault(text(fault, "type"), List.copyOf(errors));
    }

    /** Whether any error carries {@code code}. */
    boolean has(String code) {
        return errors.stream().anyMatch(error -> code.equals(error.code()));
    }

    /** The first error, or a placeholder for a fault without one. */
    Error first() {
        return errors.isEmpty() ? new Error("", type, null, null) : errors.get(0);
    }

    /** Every error's words, for an admin. */
    String words() {
        return errors.isEmpty() ? String.valueOf(type) : errors.stream().map(Error::words).collect(Collectors.joining("; "));
    }

    /** The field {@code name} of {@code node}, matched without regard to case. */
    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String code(String code) {
        if (code == null) {
            return "";
        }
        String digits = code.strip().replaceFirst("^0+(?=\\d)", "");
        return digits.toLowerCase(Locale.ROOT);
    }
}
