package io.fieldsync.accounting.sandbox.qbo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.ledger.QboFault;
import io.fieldsync.accounting.sandbox.qbo.wire.QboTime;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a {@link Query} against one company and builds QBO's {@code QueryResponse}. Name lists (Customer, Item,
 * Account, TaxCode) answer only active entries unless the query says something about {@code Active}, as QBO does.
 * A reference field compares by its value ({@code CustomerRef = '3'}); {@code PrimaryEmailAddr} by its Address.
 * Comparisons are numeric for numbers, by instant for date-times, otherwise by text ignoring case [U: QBO's own
 * case rules are not documented].
 */
final class QueryRunner {

    private static final Set<String> NAME_LISTS = Set.of("customer", "item", "account", "taxcode");

    private QueryRunner() {
    }

    /** The entity's canonical name ("invoice" → "Invoice"), or QBO's 4001 for one it does not know. */
    static String entityName(Company company, String requested) {
        if (requested.equalsIgnoreCase("CompanyInfo")) {
            return "CompanyInfo";
        }
        if (requested.equalsIgnoreCase("Preferences")) {
            return "Preferences";
        }
        return company.table(requested).map(t -> t.entity()).orElseThrow(() -> new QboFault("4001",
                "Invalid query", "QueryValidationError: Entity " + requested + " is not supported", ""));
    }

    static ObjectNode run(Company company, Query query) {
        String entity = entityName(company, query.entity());
        FilterableProperties.check(entity, query);
        List<ObjectNode> rows = entity.equals("CompanyInfo") ? List.of(CompanyInfo.of(company))
                : entity.equals("Preferences") ? List.of(company.preferences().entity())
                : company.visible(entity);
        boolean activeOnly = NAME_LISTS.contains(entity.toLowerCase(Locale.ROOT)) && !query.mentions("Active");
        List<ObjectNode> matching = rows.stream()
                .filter(r -> !activeOnly || r.path("Active").asBoolean(true))
                .filter(r -> query.conditions().stream().allMatch(c -> matches(r, c)))
                .sorted(order(query))
                .toList();
        ObjectNode response = SandboxJson.object();
        if (query.count()) {
            response.put("totalCount", matching.size());
            return response;
        }
        List<ObjectNode> page = matching.stream().skip(query.startPosition() - 1L).limit(query.maxResults()).toList();
        if (!page.isEmpty()) {
            ArrayNode list = response.putArray(entity);
            page.forEach(list::add);
            response.put("startPosition", query.startPosition());
            response.put("maxResults", page.size());
        }
        return response;
    }

    private static Comparator<ObjectNode> order(Query query) {
        Comparator<ObjectNode> byId = Comparator.comparing(r -> idNumber(r.path("Id").asText()));
        if (query.orderBy() == null) {
            return byId;
        }
        Comparator<ObjectNode> byField = (a, b) -> compare(value(a, query.orderBy()).orElse(""),
                value(b, query.orderBy()).orElse(""));
        return (query.descending() ? byField.reversed() : byField).thenComparing(byId);
    }

    private static boolean matches(ObjectNode row, Query.Condition c) {
        Optional<String> actual = value(row, c.field());
        if (actual.isEmpty()) {
            return false;
        }
        String v = actual.get();
        return switch (c.operator()) {
            case EQ -> compare(v, c.values().get(0)) == 0;
            case LT -> compare(v, c.values().get(0)) < 0;
            case GT -> compare(v, c.values().get(0)) > 0;
            case LE -> compare(v, c.values().get(0)) <= 0;
            case GE -> compare(v, c.values().get(0)) >= 0;
            case IN -> c.values().stream().anyMatch(w -> compare(v, w) == 0);
            case LIKE -> like(c.values().get(0)).matcher(v).matches();
        };
    }

    /** The text at a dotted path; a reference object gives its value, an email address object its Address. */
    private static Optional<String> value(JsonNode row, String path) {
        JsonNode node = row;
        for (String part : path.split("\\.")) {
            node = field(node, part);
        }
        if (node.isObject()) {
            node = node.has("value") ? node.get("value") : node.path("Address");
        }
        return node.isMissingNode() || node.isNull() || node.isContainerNode() ? Optional.empty() : Optional.of(node.asText());
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode exact = node.path(name);
        if (!exact.isMissingNode()) {
            return exact;
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equalsIgnoreCase(name)) {
                return node.get(n);
            }
        }
        return exact;
    }

    private static int compare(String a, String b) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        if (a.contains("T") && b.length() >= 10 && Character.isDigit(b.charAt(0))) {
            Optional<Instant> i = QboTime.parseInstant(a);
            Optional<Instant> j = QboTime.parseInstant(b);
            if (i.isPresent() && j.isPresent()) {
                return i.get().compareTo(j.get());
            }
        }
        return a.compareToIgnoreCase(b);
    }

    private static BigDecimal decimal(String s) {
        if (!s.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        return new BigDecimal(s);
    }

    private static Pattern like(String pattern) {
        String regex = Arrays.stream(pattern.split("%", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private static long idNumber(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
