package io.fieldsync.accounting.sandbox.qbo;

import io.fieldsync.accounting.sandbox.qbo.control.QboTokens;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QboFaultsTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    @Test
    void theNextCallsFailWith503ThenTheServiceRecovers() {
        fx.sandbox().failNext(2, 503);

        Exchange first = fx.api().post("/customer", "{\"DisplayName\":\"Outage Co\"}");
        Exchange second = fx.api().get("/customer/1");
        Exchange third = fx.api().post("/customer", "{\"DisplayName\":\"Outage Co\"}");

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.json().get("Fault").get("type").asText()).isEqualTo("SystemFault");
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).as("nothing was applied before").isEqualTo(200);
    }

    @Test
    void aDroppedConnectionAfterTheWriteLeavesTheClientWithoutAnAnswerButTheInvoiceExists() {
        fx.sandbox().dropConnectionAfterApply(1);

        assertThatThrownBy(() -> fx.api().post("/invoice?requestid=drop-1",
                QboInvoicesTest.line("\"DocNumber\":\"D-1\",", "100", "10"))).isInstanceOf(UncheckedIOException.class);

        assertThat(fx.sandbox().invoice(fx.realmId(), "D-1")).isPresent();
        Exchange retry = fx.api().post("/invoice?requestid=drop-1", QboInvoicesTest.line("\"DocNumber\":\"D-1\",", "100", "10"));
        assertThat(retry.status()).as("the retry with the same requestid gets the stored answer").isEqualTo(200);
        assertThat(retry.json().get("Invoice").get("DocNumber").asText()).isEqualTo("D-1");
        assertThat(fx.sandbox().counts(fx.realmId()).invoices()).isEqualTo(1);
    }

    @Test
    void aLateAnswerAfterTheWriteOutlastsTheClientsTimeoutButTheInvoiceExists() {
        fx.sandbox().faults().answerLateAfterApply(1, Duration.ofMillis(1500));
        HttpRequest post = HttpRequest.newBuilder(URI.create(fx.sandbox().apiUrl() + "/v3/company/" + fx.realmId()
                        + "/invoice?requestid=late-1&minorversion=75"))
                .timeout(Duration.ofMillis(300))
                .header("Authorization", "Bearer " + fx.tokens().accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(QboInvoicesTest.line("\"DocNumber\":\"L-1\",", "100", "10"))).build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(fx.sandbox().invoice(fx.realmId(), "L-1")).as("the write was applied before the late answer").isPresent();
        assertThat(fx.sandbox().faults().injected().answeredLateAfterApply()).isEqualTo(1);
    }

    @Test
    void aForcedThrottleAnswers429() {
        fx.sandbox().throttleNext(1);

        assertThat(fx.api().get("/customer/1").status()).isEqualTo(429);
        assertThat(fx.api().get("/customer/1").status()).isEqualTo(200);
    }

    @Test
    void aHangingCompanyLeavesItsCallsUnansweredWhileAnotherCompanyIsServed() throws Exception {
        String other = fx.sandbox().seedDemoCompany("Other Co").realmId();
        QboTokens otherTokens = fx.sandbox().connect(other);
        fx.sandbox().faults().hang(fx.realmId());

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(customerOne(fx.realmId(), fx.tokens().accessToken()),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        assertThat(HttpClient.newHttpClient().send(customerOne(other, otherTokens.accessToken()), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("another company is served meanwhile").isEqualTo(200);

        fx.sandbox().faults().release(fx.realmId());
        assertThat(fx.api().get("/customer/1").status()).isEqualTo(200);
        assertThat(fx.sandbox().faults().hungCalls()).isEqualTo(1);
    }

    private HttpRequest customerOne(String realmId, String accessToken) {
        return HttpRequest.newBuilder(URI.create(fx.sandbox().apiUrl() + "/v3/company/" + realmId + "/customer/1?minorversion=75"))
                .timeout(Duration.ofMillis(300))
                .header("Authorization", "Bearer " + accessToken)
                .GET().build();
    }
}
