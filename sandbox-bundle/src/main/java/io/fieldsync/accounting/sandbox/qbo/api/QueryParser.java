package io.fieldsync.accounting.sandbox.qbo.api;

import io.fieldsync.accounting.sandbox.qbo.ledger.QboFault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the agreement's subset of QBO's SQL-like query language. Keywords are case-insensitive; values are quoted
 * with single quotes ({@code \'} escapes a quote), and true/false/numbers may stand unquoted. Anything else is QBO's
 * 4000 QueryParserError.
 */
final class QueryParser {

    private final List<String> tokens;
    private int at;

    private QueryParser(List<String> tokens) {
        this.tokens = tokens;
    }

    static Query parse(String text) {
        return new QueryParser(tokenize(text == null ? "" : text)).query();
    }

    private Query query() {
        expectKeyword("select");
        boolean count;
        if (peekIs("*")) {
            next();
            count = false;
        } else if (peekIs("count")) {
            next();
            expect("(");
            expect("*");
            expect(")");
            count = true;
        } else {
            throw error("expected * or count(*)");
        }
        expectKeyword("from");
        String entity = identifier();
        List<Query.Condition> conditions = new ArrayList<>();
        String orderBy = null;
        boolean descending = false;
        int start = 1;
        int max = Query.DEFAULT_MAX_RESULTS;
        if (peekIs("where")) {
            next();
            conditions.add(condition());
            while (peekIs("and")) {
                next();
                conditions.add(condition());
            }
        }
        if (peekIs("orderby") || peekIs("order")) {
            if (next().equalsIgnoreCase("order")) {
                expectKeyword("by");
            }
            orderBy = identifier();
            if (peekIs("asc") || peekIs("desc")) {
                descending = next().equalsIgnoreCase("desc");
            }
        }
        if (peekIs("startposition")) {
            next();
            start = number();
        }
        if (peekIs("maxresults")) {
            next();
            max = number();
        }
        if (at < tokens.size()) {
            throw error("unexpected \"" + tokens.get(at) + "\"");
        }
        if (start < 1 || max < 1 || max > Query.MAX_RESULTS) {
            throw error("startposition must be at least 1 and maxresults within 1.." + Query.MAX_RESULTS);
        }
        return new Query(count, entity, List.copyOf(conditions), orderBy, descending, start, max);
    }

    private Query.Condition condition() {
        String field = identifier();
        String op = next();
        Query.Operator operator = switch (op.toLowerCase(Locale.ROOT)) {
            case "=" -> Query.Operator.EQ;
            case "<" -> Query.Operator.LT;
            case ">" -> Query.Operator.GT;
            case "<=" -> Query.Operator.LE;
            case ">=" -> Query.Operator.GE;
            case "like" -> Query.Operator.LIKE;
            case "in" -> Query.Operator.IN;
            default -> throw error("unknown operator \"" + op + "\"");
        };
        List<String> values = new ArrayList<>();
        if (operator == Query.Operator.IN) {
            expect("(");
            values.add(value());
            while (peekIs(",")) {
                next();
                values.add(value());
            }
            expect(")");
        } else {
            values.add(value());
        }
        return new Query.Condition(field, operator, List.copyOf(values));
    }

    private String value() {
        String t = next();
        if (t.startsWith("'")) {
            return t.substring(1);
        }
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false") || t.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return t;
        }
        throw error("a value must be quoted: " + t);
    }

    private String identifier() {
        String t = next();
        if (!t.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw error("expected a name, found \"" + t + "\"");
        }
        return t;
    }

    private int number() {
        String t = next();
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw error("expected a number, found \"" + t + "\"");
        }
    }

    private boolean peekIs(String word) {
        return at < tokens.size() && tokens.get(at).equalsIgnoreCase(word) && !tokens.get(at).startsWith("'");
    }

    private void expectKeyword(String word) {
        if (!peekIs(word)) {
            throw error("expected " + word.toUpperCase(Locale.ROOT));
        }
        next();
    }

    private void expect(String symbol) {
        if (!peekIs(symbol)) {
            throw error("expected \"" + symbol + "\"");
        }
        next();
    }

    private String next() {
        if (at >= tokens.size()) {
            throw error("unexpected end of query");
        }
        return tokens.get(at++);
    }

    /** Words, numbers, symbols; a quoted string becomes one token starting with ' (unescaped, closing quote dropped). */
    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder s = new StringBuilder("'");
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw error("unterminated string");
                    }
                    char d = text.charAt(i);
                    if (d == '\\' && i + 1 < text.length()) {
                        s.append(text.charAt(i + 1));
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        break;
                    } else {
                        s.append(d);
                        i++;
                    }
                }
                out.add(s.toString());
            } else if (c == '<' || c == '>') {
                boolean withEquals = i + 1 < text.length() && text.charAt(i + 1) == '=';
                out.add(withEquals ? c + "=" : String.valueOf(c));
                i += withEquals ? 2 : 1;
            } else if ("=(),*".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_.-:+".indexOf(text.charAt(i)) >= 0)) {
                    i++;
                }
                if (start == i) {
                    throw error("unexpected character '" + c + "'");
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    private static QboFault error(String detail) {
        return new QboFault("4000", "Error parsing query", "QueryParserError: " + detail, "");
    }
}
