package io.fieldsync.accounting.sandbox.qbo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.HttpCall;
import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.ledger.QboFault;
import io.fieldsync.accounting.sandbox.qbo.wire.QboFaults;
import io.fieldsync.accounting.sandbox.qbo.wire.QboTime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The resources below {@code /v3/company/{realmId}}: {@code query}, {@code batch}, {@code cdc},
 * {@code companyinfo/{realmId}}, {@code <entity>/{id}} (read) and {@code POST <entity>} (create, update,
 * {@code ?operation=delete|void}; {@code ?operation=update&include=void} also voids, as Intuit's docs write it).
 * Called with the company locked; answers are wrapped as QBO wraps them ({@code {"Invoice":{…},"time":…}}).
 */
final class CompanyEndpoints {

    private final QboSandboxConfig config;
    private final Clock clock;

    CompanyEndpoints(QboSandboxConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    ApiResponse handle(HttpCall call, Company company, String rest) throws IOException {
        List<String> segments = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
        String first = segments.isEmpty() ? "" : segments.get(0).toLowerCase(Locale.ROOT);
        String method = call.method();
        if (first.equals("query") && segments.size() == 1 && (method.equals("GET") || method.equals("POST"))) {
            String text = call.query().first("query").orElseGet(() -> bodyText(call));
            return ok("QueryResponse", QueryRunner.run(company, QueryParser.parse(text)));
        }
        if (first.equals("batch") && segments.size() == 1 && method.equals("POST")) {
            JsonNode items = BatchEndpoint.items(CompanyApi.parse(call), config.limits().batchItems());
            return ok(BatchEndpoint.run(company, items));
        }
        if (first.equals("cdc") && segments.size() == 1 && method.equals("GET")) {
            return ok(CdcEndpoint.run(company, call.query()));
        }
        if (first.equals("companyinfo") && segments.size() == 2 && method.equals("GET")) {
            if (!segments.get(1).equals(company.realmId())) {
                throw QboFault.notFound("CompanyInfo", segments.get(1));
            }
            return ok("CompanyInfo", CompanyInfo.of(company));
        }
        if (first.equals("preferences") && segments.size() == 1 && method.equals("GET")) {
            return ok("Preferences", company.preferences().entity());
        }
        String readable = EntityOperations.READABLE.get(first);
        if (readable != null && segments.size() == 2 && method.equals("GET")) {
            return ok(readable, company.require(readable, segments.get(1)));
        }
        if (EntityOperations.writable(first).isPresent() && segments.size() == 1 && method.equals("POST")) {
            String entity = EntityOperations.writable(first).get();
            String operation = call.query().first("operation").orElse(null);
            if ("void".equalsIgnoreCase(call.query().first("include").orElse(""))) {
                operation = "void";
            }
            ObjectNode stored = EntityOperations.apply(company, entity, operation, CompanyApi.parse(call));
            return ok(entity, stored);
        }
        return QboFaults.notFound(call.method() + " " + rest, clock.instant());
    }

    private ApiResponse ok(String key, JsonNode value) {
        ObjectNode body = SandboxJson.object();
        body.set(key, value.deepCopy());
        return ok(body);
    }

    private ApiResponse ok(ObjectNode body) {
        body.put("time", QboTime.response(clock.instant()));
        return ApiResponse.json(200, body);
    }

    private static String bodyText(HttpCall call) {
        try {
            return new String(call.body(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw QboFault.request("the query could not be read");
        }
    }
}
