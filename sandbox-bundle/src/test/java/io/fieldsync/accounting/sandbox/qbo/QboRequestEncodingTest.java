package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies as Intuit's own Java SDK exchanges them by default: requests gzip-compressed with {@code Content-Encoding:
 * gzip} (intuit-default-config.xml, {@code message/request/compression}; PrepareRequestInterceptor sets the header),
 * for entities (JSON) and for queries ({@code application/text}) alike, and {@code Accept-Encoding: gzip} for the
 * answer ({@code message/response/compression}; DecompressionInterceptor reads Content-Encoding). Intuit documents
 * both directions ("compression of data to Gzip and Deflate formats", developer.intuit.com/app/developer/qbo/docs/
 * develop/sdks-and-samples-collections/java/request-and-response-formats).
 */
class QboRequestEncodingTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    @Test
    void aGzipCompressedEntityIsReadAsTheJsonInsideIt() throws Exception {
        HttpResponse<String> created = send("/customer", "application/json", "gzip",
                gzip("{\"DisplayName\":\"Compressed Plumbing\"}"));

        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode customer = SandboxJson.MAPPER.readTree(created.body()).get("Customer");
        assertThat(customer.get("DisplayName").asText()).isEqualTo("Compressed Plumbing");
    }

    @Test
    void aGzipCompressedQueryIsRun() throws Exception {
        HttpResponse<String> found = send("/query", "application/text", "gzip",
                gzip("select * from Customer where DisplayName = 'Liam Gallagher'"));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("\"DisplayName\":\"Liam Gallagher\"");
    }

    @Test
    void aBodyThatIsNotTheGzipItClaimsToBeIsABadRequest() throws Exception {
        HttpResponse<String> refused = send("/customer", "application/json", "gzip",
                "{\"DisplayName\":\"Not Compressed\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fx.api().query("select * from Customer where DisplayName = 'Not Compressed'").json()
                .get("QueryResponse").has("Customer")).isFalse();
    }

    @Test
    void anUncompressedBodyStillWorksAsBefore() throws Exception {
        HttpResponse<String> created = send("/customer", "application/json", null,
                "{\"DisplayName\":\"Plain Plumbing\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(created.statusCode()).isEqualTo(200);
    }

    @Test
    void aResponseIsGzipCompressedWhenTheClientAcceptsGzip() throws Exception {
        HttpResponse<byte[]> answered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        fx.sandbox().apiUrl() + "/v3/company/" + fx.realmId() + "/customer/2?minorversion=73"))
                .header("Authorization", "Bearer " + fx.tokens().accessToken())
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String body = new String(new GZIPInputStream(new ByteArrayInputStream(answered.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(body).contains("\"DisplayName\":\"Liam Gallagher\"");
    }

    @Test
    void aResponseStaysPlainForAClientThatDoesNotAskForCompression() throws Exception {
        HttpResponse<String> answered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        fx.sandbox().apiUrl() + "/v3/company/" + fx.realmId() + "/customer/2?minorversion=75"))
                .header("Authorization", "Bearer " + fx.tokens().accessToken())
                .header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answered.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(answered.body()).contains("\"DisplayName\":\"Liam Gallagher\"");
    }

    private HttpResponse<String> send(String resource, String contentType, String encoding, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fx.sandbox().apiUrl() + "/v3/company/"
                        + fx.realmId() + resource + "?minorversion=73"))
                .header("Authorization", "Bearer " + fx.tokens().accessToken())
                .header("Accept", "application/json")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
