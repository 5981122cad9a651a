package io.fieldsync.accounting.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Query string or form body parameters. Names are matched case-insensitively, as Xero (an ASP.NET service) does
 * (the QBO sandbox reads its parameters the same way).
 */
public final class QueryString {

    private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private QueryString() {
    }

    public static QueryString parse(String raw) {
        QueryString q = new QueryString();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            q.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return q;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public Optional<String> first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A comma-separated list parameter (IDs=, InvoiceNumbers=, Statuses=), with optional quotes removed. */
    public List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String raw : values.getOrDefault(name, List.of())) {
            Arrays.stream(raw.split(","))
                    .map(String::trim)
                    .map(s -> s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s)
                    .filter(s -> !s.isEmpty())
                    .forEach(out::add);
        }
        return out;
    }

    public boolean flag(String name) {
        return first(name).map(Boolean::parseBoolean).orElse(false);
    }

    /** The boolean parameter's value, or {@code whenAbsent}. */
    public boolean flag(String name, boolean whenAbsent) {
        return first(name).map(Boolean::parseBoolean).orElse(whenAbsent);
    }

    public OptionalInt integer(String name) {
        Optional<String> v = first(name);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
