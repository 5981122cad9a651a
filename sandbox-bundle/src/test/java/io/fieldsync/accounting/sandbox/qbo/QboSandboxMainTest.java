package io.fieldsync.accounting.sandbox.qbo;

import io.fieldsync.accounting.sandbox.SandboxMain;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QboSandboxMainTest {

    @Test
    void providerQboPrintsUrlsATokenAndARealmThatWorkTogether() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        QboSandbox sandbox = SandboxMain.startQbo(new String[] {"--provider", "qbo", "--port", "0"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            String out = printed.toString(StandardCharsets.UTF_8);
            String api = find(out, "API base URL\\s+(\\S+)");
            String token = find(out, "access token\\s+(\\S+)");
            String realm = find(out, "realm id\\s+(\\S+)");

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api
                            + "/v3/company/" + realm + "/query?minorversion=75&query="
                            + URLEncoder.encode("select * from Account", StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(out).contains("QuickBooks Online sandbox listening on " + sandbox.baseUrl());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("Undeposited Funds", "Business Cheque Account");
        } finally {
            sandbox.close();
        }
    }

    @Test
    void theStandaloneSandboxServesItsControlSurfaceWhereItSaysItDoes() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        QboSandbox sandbox = SandboxMain.startQbo(new String[] {"--provider", "qbo", "--port", "0"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            String control = find(printed.toString(StandardCharsets.UTF_8), "control\\s+(\\S+)");

            HttpResponse<String> ledger = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(control + "/ledger"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(control).isEqualTo(sandbox.baseUrl() + "/_sandbox");
            assertThat(ledger.statusCode()).isEqualTo(200);
            assertThat(ledger.body()).contains("\"vendor\":\"qbo\"", "FieldSync Demo Company (AU)");
        } finally {
            sandbox.close();
        }
    }

    @Test
    void countryUsStartsTheUsSalesTaxCompanyAndNamesIt() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        QboSandbox sandbox = SandboxMain.startQbo(new String[] {"--provider", "qbo", "--country", "US", "--port", "0"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            String out = printed.toString(StandardCharsets.UTF_8);
            String api = find(out, "API base URL\\s+(\\S+)");
            String token = find(out, "access token\\s+(\\S+)");
            String realm = find(out, "realm id\\s+(\\S+)");

            HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api
                            + "/v3/company/" + realm + "/companyinfo/" + realm + "?minorversion=75"))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(find(out, "realm id\\s+\\S+\\s+\\((.*)\\)")).isEqualTo(UsDemoCompany.NAME);
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.body()).contains("\"Country\":\"US\"");
        } finally {
            sandbox.close();
        }
    }

    @Test
    void theAustralianCompanyIsTheDefaultAndAnUnknownCountryIsRefused() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        QboSandbox sandbox = SandboxMain.startQbo(new String[] {"--provider", "qbo", "--country", "AU", "--port", "0"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(find(printed.toString(StandardCharsets.UTF_8), "realm id\\s+\\S+\\s+\\((.*)\\)"))
                    .isEqualTo(DemoCompany.NAME);
        } finally {
            sandbox.close();
        }
        assertThatThrownBy(() -> SandboxMain.startQbo(new String[] {"--provider", "qbo", "--country", "GB", "--port",
                "0"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--country");
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in%n%s", regex, text).isTrue();
        return m.group(1);
    }
}
