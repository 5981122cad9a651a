package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Someone working in QuickBooks, or another app of the company: plain API calls straight to the sandbox, past the
 * provider and its recording proxy, so that they cost the provider nothing in the tests' counts.
 */
final class QboDirect {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String accessToken;

    QboDirect(String apiUrl, String realmId, String accessToken) {
        this.base = apiUrl + "/v3/company/" + realmId;
        this.accessToken = accessToken;
    }

    JsonNode get(String pathAndQuery) {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery + separator + "minorversion=75")).GET(), 200);
    }

    JsonNode query(String statement) {
        return get("/query?query=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)).path("QueryResponse");
    }

    /** The raw answer of a query, whatever its status: for the refusals. */
    HttpResponse<String> queryAnswer(String statement) {
        try {
            return client.send(authorised(HttpRequest.newBuilder(URI.create(base + "/query?query="
                    + URLEncoder.encode(statement, StandardCharsets.UTF_8) + "&minorversion=75")).GET()), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode post(String pathAndQuery, String json) {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery + separator + "minorversion=75"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), 200);
    }

    /**
     * Creates {@code count} entities 30 to a batch, as another app would; {@code minutePasses} moves the sandbox's
     * clock on before QBO's 500 batch items a minute run out.
     */
    void createMany(String entity, int count, IntFunction<String> body, Runnable minutePasses) {
        for (int from = 1; from <= count; from += 30) {
            List<String> items = new ArrayList<>();
            for (int i = from; i < Math.min(count + 1, from + 30); i++) {
                items.add("{\"bId\":\"" + i + "\",\"operation\":\"create\",\"" + entity + "\":" + body.apply(i) + "}");
            }
            JsonNode answer = post("/batch", "{\"BatchItemRequest\":[" + String.join(",", items) + "]}");
            answer.path("BatchItemResponse").forEach(item -> assertThat(item.has("Fault")).as(item.toString()).isFalse());
            if ((from / 30) % 10 == 9) {
                minutePasses.run();
            }
        }
        minutePasses.run();
    }

    private JsonNode send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> answer = client.send(authorised(request), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
            return QuickBooksApi.JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest authorised(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").build();
    }
}
