package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;
import io.fieldsync.accounting.sandbox.xero.identity.TokenSet;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    private String invoice(String number) {
        String contact = xero.org().activeContactNamed("Bayside Club").orElseThrow().id().toString();
        return """
                {"Invoices":[{"Type":"ACCREC","Contact":{"ContactID":"%s"},"Date":"2026-03-02","DueDate":"2026-03-16",
                  "InvoiceNumber":"%s","Status":"AUTHORISED","LineItems":[{"Description":"x","Quantity":1,"UnitAmount":10,"AccountCode":"200"}]}]}"""
                .formatted(contact, number);
    }

    private int invoicesNumbered(String number) {
        return xero.api().get("/Invoices?InvoiceNumbers=" + number).json().get("Invoices").size();
    }

    @Test
    void aConnectionDroppedAfterApplyGivesTheClientNoAnswerButTheInvoiceExists() {
        xero.sandbox().faults().dropConnectionAfterApply(1);

        assertThatThrownBy(() -> xero.api().put("/Invoices", invoice("FS-900")))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);

        assertThat(invoicesNumbered("FS-900")).as("the write was applied before the drop").isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameKeyAfterADropGetsTheFirstOutcomeInsteadOfADuplicate() {
        xero.sandbox().faults().dropConnectionAfterApply(1);
        assertThatThrownBy(() -> xero.api().api("PUT", "/Invoices").header("Idempotency-Key", "doc-900")
                .json(invoice("FS-901")).send()).isInstanceOf(UncheckedIOException.class);

        Exchange retry = xero.api().api("PUT", "/Invoices").header("Idempotency-Key", "doc-900").json(invoice("FS-901")).send();

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("Invoices").get(0).get("InvoiceNumber").asText()).isEqualTo("FS-901");
        assertThat(invoicesNumbered("FS-901")).isEqualTo(1);
    }

    @Test
    void aLateAnswerAfterApplyOutlastsTheClientsTimeoutButTheInvoiceExists() throws Exception {
        xero.sandbox().faults().answerLateAfterApply(1, Duration.ofMillis(1500));
        HttpRequest put = HttpRequest.newBuilder(URI.create(xero.sandbox().apiUrl() + "/Invoices"))
                .timeout(Duration.ofMillis(300))
                .header("Authorization", "Bearer " + xero.tokens().accessToken())
                .header("xero-tenant-id", xero.org().tenantId().toString())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(invoice("FS-903"))).build();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(invoicesNumbered("FS-903")).as("the write was applied before the late answer").isEqualTo(1);
        assertThat(xero.sandbox().faults().injected().answeredLateAfterApply()).isEqualTo(1);
    }

    @Test
    void anErrorRateOfOneFailsEveryCallWith500BeforeAnythingIsWritten() {
        xero.sandbox().faults().errorRate(1.0);

        Exchange x = xero.api().put("/Invoices", invoice("FS-902"));

        assertThat(x.status()).isEqualTo(500);
        assertThat(x.json().get("Title").asText()).isEqualTo("An error occurred");
        xero.sandbox().faults().errorRate(0);
        assertThat(invoicesNumbered("FS-902")).isZero();
    }

    @Test
    void aBurstOf429sEndsAfterTheGivenNumberOfCalls() {
        xero.sandbox().faults().tooManyRequests(2, Duration.ofSeconds(7));

        Exchange first = xero.api().get("/Organisation");
        Exchange second = xero.api().get("/Organisation");
        Exchange third = xero.api().get("/Organisation");

        assertThat(first.status()).isEqualTo(429);
        assertThat(first.header("Retry-After")).isEqualTo("7");
        assertThat(first.header("X-Rate-Limit-Problem")).isEqualTo("minute");
        // A minute breach says the minute is used up, as a real one does (RateLimitsTest): Xero's SDK tells the
        // breaches apart by the remaining counts (XeroApiExceptionHandler: X-MinLimit-Remaining <= 0 is
        // XeroMinuteRateLimitException), not by X-Rate-Limit-Problem.
        assertThat(first.header("X-MinLimit-Remaining")).isEqualTo("0");
        assertThat(first.header("X-DayLimit-Remaining")).isEqualTo("5000");
        assertThat(second.status()).isEqualTo(429);
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.header("X-MinLimit-Remaining")).as("forced refusals take no calls").isEqualTo("59");
    }

    @Test
    void addedLatencyDelaysEveryApiCall() {
        xero.sandbox().faults().latency(Duration.ofMillis(300));

        long start = System.nanoTime();
        assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void revokedAccessTurnsApiCallsAwayAndRefreshIntoAnInvalidGrant() {
        xero.sandbox().revokeAccess();

        Exchange api = xero.api().get("/Organisation");

        assertThat(api.status()).isEqualTo(403);
        assertThat(api.json().get("Detail").asText()).isEqualTo("AuthenticationUnsuccessful");
        String basic = java.util.Base64.getEncoder().encodeToString(
                (xero.sandbox().config().clientId() + ":" + xero.sandbox().config().clientSecret()).getBytes());
        Exchange refresh = xero.api().to("POST", xero.sandbox().tokenUrl()).header("Authorization", "Basic " + basic)
                .form("grant_type=refresh_token&refresh_token=" + xero.tokens().refreshToken()).send();
        assertThat(refresh.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aHangingOrganisationLeavesItsCallsUnansweredWhileAnotherOrganisationIsServed() throws Exception {
        Organisation other = xero.sandbox().organisation("Other Ltd").create();
        TokenSet otherTokens = xero.sandbox().connect(other);
        xero.sandbox().faults().hang(xero.org().tenantId().toString());

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(organisation(xero.org(), xero.tokens().accessToken()),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        assertThat(HttpClient.newHttpClient().send(organisation(other, otherTokens.accessToken()), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("another organisation is served meanwhile").isEqualTo(200);

        xero.sandbox().faults().release(xero.org().tenantId().toString());
        assertThat(xero.api().get("/Organisation").status()).isEqualTo(200);
        assertThat(xero.sandbox().faults().hungCalls()).isEqualTo(1);
    }

    private HttpRequest organisation(Organisation org, String accessToken) {
        return HttpRequest.newBuilder(URI.create(xero.sandbox().apiUrl() + "/Organisation"))
                .timeout(Duration.ofMillis(300))
                .header("Authorization", "Bearer " + accessToken)
                .header("xero-tenant-id", org.tenantId().toString())
                .GET().build();
    }
}
