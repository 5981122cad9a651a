package io.fieldsync.accounting.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The API's routes ({@code GET /companies/{company}/mappings}), matched against a request's path below /accounting/api. */
final class ApiRoutes {

    /** What a route does with a request whose path matched. */
    @FunctionalInterface
    interface Handler {
        Object handle(ApiCall call) throws Exception;
    }

    record Route(String method, String template, Handler handler) {
    }

    /** A route that matched, with the values of its {placeholders}. */
    record Match(Route route, Map<String, String> parameters) {
    }

    private final List<Route> routes = new ArrayList<>();

    ApiRoutes add(String method, String template, Handler handler) {
        routes.add(new Route(method, template, handler));
        return this;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The route for this method and path; a path known under other methods is a 405 naming them, an unknown one a 404. */
    Match match(String method, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = parameters(route.template(), path);
            if (parameters.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match(route, parameters.get());
                }
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            throw new ApiProblem(405, method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed),
                    Map.of("Allow", String.join(", ", allowed)));
        }
        throw new ApiProblem(404, "No such resource: /accounting/api" + path);
    }

    private static Optional<Map<String, String>> parameters(String template, String path) {
        String[] expected = template.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].startsWith("{") && expected[i].endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                values.put(expected[i].substring(1, expected[i].length() - 1), actual[i]);
            } else if (!expected[i].equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }
}
