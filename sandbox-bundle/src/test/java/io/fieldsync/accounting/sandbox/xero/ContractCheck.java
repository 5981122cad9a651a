package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks recorded exchanges against Xero's own OpenAPI documents in ../shared (never copied into the project):
 * requests fully strict, responses strict too (no undeclared properties, via the validator's
 * {@code additionalProperties} injection) except for the short list of fields Xero really sends but does not
 * declare (STACK.md trap 9):
 * <ul>
 *   <li>the envelope's {@code Id}, {@code Status}, {@code ProviderName}, {@code DateTimeUTC};</li>
 *   <li>{@code DateString}, {@code DueDateString} on invoices;</li>
 *   <li>{@code ValidationErrors} on line items;</li>
 *   <li>{@code HasValidationErrors} on contact groups;</li>
 *   <li>anything inside a 400's {@code Elements[]} (Xero echoes the whole submitted record there).</li>
 * </ul>
 * Two further adjustments, both named: the spec declares the 400 of most write operations without a body, so the
 * checker gives every 400 the spec's own {@code Error} schema; and statuses the spec does not document at all
 * (401, 403, 404, 405, 429, 500) are not body-checked (their shapes are asserted by the tests themselves).
 * The identity document writes {@code /Connections}; the live path (and the sandbox's) is {@code /connections}.
 * It also declares {@code createdDateUtc}/{@code updatedDateUtc} as {@code format: date-time} while its own example
 * (and the live service) sends them without a zone ({@code 2019-12-07T18:46:19.5165400}); the sandbox sends the live
 * form, so that one format rule is not enforced on those two connection fields.
 * Active only when the {@code vendor-contract} Maven profile passed the spec locations as system properties.
 */
public final class ContractCheck {

    public static final String ACCOUNTING_SPEC = "xero.accounting.spec";
    public static final String IDENTITY_SPEC = "xero.identity.spec";
    public static final String EXAMPLES_DIR = "xero.examples.dir";

    static final Map<String, Set<String>> UNDECLARED_BUT_REAL = Map.of(
            "envelope", Set.of("Id", "Status", "ProviderName", "DateTimeUTC"),
            "Invoice", Set.of("DateString", "DueDateString"),
            "LineItem", Set.of("ValidationErrors"),
            "ContactGroup", Set.of("HasValidationErrors"));
    static final Set<Integer> STATUSES_THE_SPEC_DOES_NOT_DOCUMENT = Set.of(401, 403, 404, 405, 429, 500);

    private static final String ACCOUNTING_BASE = "/api.xro/2.0";
    private static volatile ContractCheck loaded;

    private final OpenApiInteractionValidator accounting;
    private final OpenApiInteractionValidator identity;

    private ContractCheck(OpenApiInteractionValidator accounting, OpenApiInteractionValidator identity) {
        this.accounting = accounting;
        this.identity = identity;
    }

    /** The check, if the vendor-contract profile is active; loading the 900 kB spec happens once per JVM. */
    public static Optional<ContractCheck> ifEnabled() {
        String spec = System.getProperty(ACCOUNTING_SPEC);
        if (spec == null || !Files.exists(Path.of(spec))) {
            return Optional.empty();
        }
        if (loaded == null) {
            synchronized (ContractCheck.class) {
                if (loaded == null) {
                    loaded = new ContractCheck(validator(spec, true), validator(System.getProperty(IDENTITY_SPEC), false));
                }
            }
        }
        return Optional.of(loaded);
    }

    private static OpenApiInteractionValidator validator(String specPath, boolean giveEvery400TheErrorSchema) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        OpenAPI api = new OpenApiLoader().loadApi(OpenApiInteractionValidator.SpecSource.specUrl(Path.of(specPath).toUri().toString()),
                List.of(), options);
        if (giveEvery400TheErrorSchema) {
            Schema<?> error = api.getComponents().getSchemas().get("Error");
            api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
                ApiResponse bad = op.getResponses() == null ? null : op.getResponses().get("400");
                if (bad != null && (bad.getContent() == null || bad.getContent().isEmpty())) {
                    bad.setContent(new Content().addMediaType("application/json", new MediaType().schema(error)));
                }
            }));
        }
        return OpenApiInteractionValidator.createFor(api)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                        .build())
                .build();
    }

    /** Every contract violation in the exchanges, one line each; empty when all conform. */
    public List<String> violations(List<Exchange> exchanges) {
        List<String> out = new ArrayList<>();
        for (Exchange x : exchanges) {
            out.addAll(violations(x));
        }
        return out;
    }

    public List<String> violations(Exchange x) {
        String path = x.uri().getPath();
        OpenApiInteractionValidator validator;
        String specPath;
        if (path.toLowerCase().startsWith(ACCOUNTING_BASE.toLowerCase())) {
            validator = accounting;
            specPath = path;
        } else if (path.toLowerCase().startsWith("/connections")) {
            validator = identity;
            specPath = "/Connections" + path.substring("/connections".length());
        } else {
            return List.of(); // OAuth endpoints: no OpenAPI document exists for them
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(x.status());
        Optional.ofNullable(x.header("Content-Type")).ifPresent(response::withContentType);
        if (x.responseBody().length > 0) {
            response.withBody(x.body());
        }
        ValidationReport report = x.offContract()
                ? validator.validateResponse(specPath, Request.Method.valueOf(x.method()), response.build())
                : validator.validate(request(x, specPath), response.build());
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR && !allowed(m, x.status())) {
                out.add(x.method() + " " + x.uri().getPath() + (x.uri().getRawQuery() == null ? "" : "?" + x.uri().getRawQuery())
                        + " -> " + x.status() + ": " + m.getKey() + ": " + m.getMessage());
            }
        }
        return out;
    }

    private static SimpleRequest request(Exchange x, String specPath) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(x.method(), specPath);
        x.requestHeaders().forEach(b::withHeader);
        if (x.requestBody() != null) {
            b.withBody(x.requestBody());
        }
        String query = x.uri().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                b.withQueryParam(name, value);
            }
        }
        return b.build();
    }

    static boolean allowed(ValidationReport.Message m, int status) {
        if (m.getKey().equals("validation.response.body.schema.format.date-time")) {
            String at = m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                    .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("");
            return at.matches("/\\d+/(createdDateUtc|updatedDateUtc)");
        }
        if (m.getKey().equals("validation.response.status.unknown")) {
            return STATUSES_THE_SPEC_DOES_NOT_DOCUMENT.contains(status);
        }
        if (!m.getKey().equals("validation.response.body.schema.additionalProperties")) {
            return false;
        }
        String pointer = m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("");
        if (status == 400 && pointer.startsWith("/Elements/")) {
            return true;
        }
        Set<String> allowedHere = UNDECLARED_BUT_REAL.getOrDefault(entityAt(pointer), Set.of());
        return allowedHere.containsAll(undeclaredNames(m.getMessage()));
    }

    /** The kind of object at a JSON pointer: "/" is the envelope, "/Invoices/0" an Invoice, and so on. */
    static String entityAt(String pointer) {
        if (pointer.isEmpty() || pointer.equals("/")) {
            return "envelope";
        }
        List<String> parts = Arrays.stream(pointer.split("/")).filter(s -> !s.isEmpty() && !s.matches("\\d+")).toList();
        String last = parts.get(parts.size() - 1);
        return switch (last) {
            case "Invoices", "Invoice" -> "Invoice";
            case "LineItems" -> "LineItem";
            case "ContactGroups" -> "ContactGroup";
            default -> last;
        };
    }

    /** The property names in "…not allowed by the schema: ["a","b"]". */
    static List<String> undeclaredNames(String message) {
        int open = message.lastIndexOf('[');
        if (open < 0) {
            return List.of("?");
        }
        try {
            JsonNode names = SandboxJson.MAPPER.readTree(message.substring(open));
            List<String> out = new ArrayList<>();
            names.forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
