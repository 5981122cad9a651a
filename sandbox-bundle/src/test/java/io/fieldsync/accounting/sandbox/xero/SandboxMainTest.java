package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.SandboxMain;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxMainTest {

    @Test
    void theStandaloneEntryPointPrintsUrlsATokenAndATenantThatWorkTogether() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        XeroSandbox sandbox = SandboxMain.start(new String[] {"--port", "0"}, new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            String out = printed.toString(StandardCharsets.UTF_8);
            String api = find(out, "accounting API\\s+(\\S+)");
            String token = find(out, "access token\\s+(\\S+)");
            String tenant = find(out, "tenant id\\s+(\\S+)");

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/Accounts"))
                    .header("Authorization", "Bearer " + token).header("xero-tenant-id", tenant).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(out).contains("Xero sandbox listening on " + sandbox.baseUrl());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"Code\":\"200\"", "\"Code\":\"090\"", "Undeposited Funds");
        } finally {
            sandbox.stop();
        }
    }

    @Test
    void theStandaloneSandboxServesItsControlSurfaceWhereItSaysItDoes() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        XeroSandbox sandbox = SandboxMain.start(new String[] {"--port", "0"}, new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            String control = find(printed.toString(StandardCharsets.UTF_8), "control\\s+(\\S+)");

            HttpResponse<String> ledger = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(control + "/ledger"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(control).isEqualTo(sandbox.baseUrl() + "/_sandbox");
            assertThat(ledger.statusCode()).isEqualTo(200);
            assertThat(ledger.body()).contains("\"vendor\":\"xero\"", "Demo Company (NZ)");
        } finally {
            sandbox.stop();
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in%n%s", regex, text).isTrue();
        return m.group(1);
    }
}
