package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Xero's {@code where} language the sandbox understands, evaluated against the wire JSON of each
 * record: {@code Field == "x"}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, dotted paths
 * ({@code Contact.ContactID}), {@code .Contains("x")}, {@code .StartsWith("x")}, {@code .EndsWith("x")},
 * {@code AND}/{@code &&}, {@code OR}/{@code ||}, parentheses, literals "text", numbers, true/false, null,
 * {@code Guid("…")} and {@code DateTime(y,m,d[,h,m,s])}. Text compares without case. Literals have no escapes: a
 * quote inside a name cannot be written, as on Xero. Anything else is a 400 QueryParseException.
 */
final class WhereFilter {

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(\"[^\"]*\"|&&|\\|\\||==|!=|>=|<=|>|<|\\(|\\)|,|[A-Za-z_][A-Za-z0-9_.]*|-?\\d+(?:\\.\\d+)?)");
    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

    private final List<String> tokens;
    private int pos;

    private WhereFilter(List<String> tokens) {
        this.tokens = tokens;
    }

    static Predicate<JsonNode> parse(String where) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(where);
        int at = 0;
        while (at < where.length()) {
            if (where.substring(at).isBlank()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                throw syntaxError();
            }
            tokens.add(m.group(1));
            at = m.end();
        }
        WhereFilter parser = new WhereFilter(tokens);
        Predicate<JsonNode> p = parser.or();
        if (parser.pos != tokens.size()) {
            throw syntaxError();
        }
        return p;
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (accept("OR") || accept("||")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = unary();
        while (accept("AND") || accept("&&")) {
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<JsonNode> unary() {
        if (accept("(")) {
            Predicate<JsonNode> inner = or();
            expect(")");
            return inner;
        }
        String path = next();
        if (!Character.isLetter(path.charAt(0))) {
            throw error(String.join(" ", tokens));
        }
        for (String method : new String[] {"Contains", "StartsWith", "EndsWith"}) {
            if (path.endsWith("." + method)) {
                String field = path.substring(0, path.length() - method.length() - 1);
                expect("(");
                String needle = ((String) literal()).toLowerCase();
                expect(")");
                return node -> {
                    JsonNode v = resolve(node, field);
                    if (v == null || v.isNull()) {
                        return false;
                    }
                    String text = v.asText().toLowerCase();
                    return switch (method) {
                        case "Contains" -> text.contains(needle);
                        case "StartsWith" -> text.startsWith(needle);
                        default -> text.endsWith(needle);
                    };
                };
            }
        }
        String op = next();
        Object value = literal();
        return node -> compare(resolve(node, path), op, value);
    }

    private Object literal() {
        String t = next();
        if (t.startsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        switch (t) {
            case "true", "True" -> {
                return Boolean.TRUE;
            }
            case "false", "False" -> {
                return Boolean.FALSE;
            }
            case "null" -> {
                return null;
            }
            case "Guid" -> {
                expect("(");
                Object g = literal();
                expect(")");
                return g;
            }
            case "DateTime" -> {
                expect("(");
                List<Integer> parts = new ArrayList<>();
                do {
                    parts.add(Integer.parseInt(next()));
                } while (accept(","));
                expect(")");
                while (parts.size() < 6) {
                    parts.add(0);
                }
                return LocalDateTime.of(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4), parts.get(5))
                        .toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            default -> {
                try {
                    return new BigDecimal(t);
                } catch (NumberFormatException e) {
                    throw error(t);
                }
            }
        }
    }

    private static boolean compare(JsonNode actual, String op, Object expected) {
        if (expected == null) {
            boolean isNull = actual == null || actual.isNull();
            return switch (op) {
                case "==" -> isNull;
                case "!=" -> !isNull;
                default -> throw error(op + " null");
            };
        }
        if (actual == null || actual.isNull()) {
            return "!=".equals(op);
        }
        int cmp;
        if (expected instanceof Boolean b) {
            cmp = Boolean.compare(actual.asBoolean(), b);
        } else if (expected instanceof BigDecimal d) {
            cmp = actual.decimalValue().compareTo(d);
        } else if (expected instanceof Long millis) {
            Matcher m = MS_DATE.matcher(actual.asText());
            if (!m.matches()) {
                return false;
            }
            cmp = Long.compare(Long.parseLong(m.group(1)), millis);
        } else {
            cmp = actual.asText().compareToIgnoreCase((String) expected);
        }
        return switch (op) {
            case "==" -> cmp == 0;
            case "!=" -> cmp != 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            default -> throw error(op);
        };
    }

    private static JsonNode resolve(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            if (current == null) {
                return null;
            }
            current = current.get(part);
        }
        return current;
    }

    private boolean accept(String token) {
        if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(token)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error(String.join(" ", tokens));
        }
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw error(String.join(" ", tokens));
        }
        return tokens.get(pos++);
    }

    /**
     * What Xero answers to a character it cannot read or to text left after the expression, e.g. the rest of a
     * literal cut short by a quote: {@code {"ErrorNumber":16,"Type":"QueryParseException","Message":"Syntax error"}}
     * (observed from the live API, XeroAPI/Xero-Java issue #347, for both {@code \\"} and a bare quote inside
     * a literal). Xero's parser knows no escape inside "…": a backslash is a plain character.
     */
    private static XeroApiException syntaxError() {
        return new XeroApiException(XeroErrors.queryParse("Syntax error"));
    }

    private static XeroApiException error(String near) {
        return new XeroApiException(XeroErrors.queryParse("The where clause could not be parsed near '" + near + "'."));
    }
}
