package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A PUT/POST of several elements, in either of Xero's modes (reference/api-facts.md §4):
 * <ul>
 *   <li>summarised (default): every element is validated first; if any fails, nothing is written and the answer is
 *       400 ValidationException with the failing elements echoed in {@code Elements};</li>
 *   <li>{@code summarizeErrors=false}: each valid element is written, each invalid one is echoed with
 *       {@code StatusAttributeString: ERROR} and its {@code ValidationErrors}; the answer is 200.</li>
 * </ul>
 * Whether Xero writes the valid elements in summarised mode is not documented; the sandbox writes none.
 */
final class BatchWrite {

    /** One element after validation: either errors (with the echo to send back) or the write to do. */
    record Prepared(ObjectNode echo, List<String> errors, Supplier<ObjectNode> write) {

        static Prepared invalid(ObjectNode echo, List<String> errors) {
            return new Prepared(echo, List.copyOf(errors), null);
        }

        static Prepared valid(Supplier<ObjectNode> write) {
            return new Prepared(null, List.of(), write);
        }

        boolean ok() {
            return errors.isEmpty();
        }
    }

    @FunctionalInterface
    interface Preparer {
        Prepared prepare(JsonNode element, BatchContext context);
    }

    private BatchWrite() {
    }

    /**
     * @param errorFlag the element's own "has errors" field: HasErrors (documents) or HasValidationErrors (contacts,
     *                  payments); null for allocations, which have none
     */
    static ApiResponse run(ApiRequest request, String collection, List<JsonNode> elements, String errorFlag,
                           Preparer preparer) {
        ArrayNode results = SandboxJson.array();
        if (request.summarizeErrors()) {
            BatchContext shared = new BatchContext();
            List<Prepared> prepared = new ArrayList<>();
            List<ObjectNode> failed = new ArrayList<>();
            for (JsonNode element : elements) {
                Prepared p = preparer.prepare(element, shared);
                prepared.add(p);
                if (!p.ok()) {
                    failed.add(withErrors(p, errorFlag));
                }
            }
            if (!failed.isEmpty()) {
                return XeroErrors.validation(failed);
            }
            prepared.forEach(p -> results.add(ok(p.write().get())));
        } else {
            for (JsonNode element : elements) {
                // Each element sees the writes of those before it, so it needs no shared reservations.
                Prepared p = preparer.prepare(element, new BatchContext());
                if (p.ok()) {
                    results.add(ok(p.write().get()));
                } else {
                    ObjectNode echo = withErrors(p, errorFlag);
                    echo.put("StatusAttributeString", "ERROR");
                    results.add(echo);
                }
            }
        }
        return ApiResponse.json(200, request.envelope(collection, results));
    }

    private static ObjectNode ok(ObjectNode written) {
        written.put("StatusAttributeString", "OK");
        return written;
    }

    private static ObjectNode withErrors(Prepared p, String errorFlag) {
        ObjectNode echo = p.echo();
        if (errorFlag != null) {
            echo.put(errorFlag, true);
        }
        ArrayNode errors = echo.putArray("ValidationErrors");
        p.errors().forEach(m -> errors.addObject().put("Message", m));
        return echo;
    }
}
