package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTest {

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    private String invoice(String reference) {
        String contact = xero.org().activeContactNamed("Bayside Club").orElseThrow().id().toString();
        return """
                {"Invoices":[{"Type":"ACCREC","Contact":{"ContactID":"%s"},"Date":"2026-03-02","DueDate":"2026-03-16",
                  "Reference":"%s","Status":"AUTHORISED","LineItems":[{"Description":"x","Quantity":1,"UnitAmount":10,"AccountCode":"200"}]}]}"""
                .formatted(contact, reference);
    }

    private Exchange put(String key, String body) {
        return xero.api().api("PUT", "/Invoices").header("Idempotency-Key", key).json(body).send();
    }

    private int invoiceCount() {
        return xero.api().get("/Invoices").json().get("Invoices").size();
    }

    @Test
    void aRepeatWithTheSameKeyReturnsTheFirstResponseAndCreatesNothingNew() {
        Exchange first = put("job-42-attempt", invoice("R1"));
        Exchange repeat = put("job-42-attempt", invoice("R1"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(invoiceCount()).isEqualTo(1);
        assertThat(repeat.header("X-MinLimit-Remaining")).as("a replay is still a call").isEqualTo("58");
    }

    @Test
    void theSameKeyWithADifferentRequestIsRefused() {
        put("job-43", invoice("R1"));

        Exchange different = put("job-43", invoice("R2"));

        assertThat(different.status()).isEqualTo(400);
        assertThat(different.json().get("Message").asText()).contains("different request");
        assertThat(invoiceCount()).isEqualTo(1);
    }

    @Test
    void aConcurrentRepeatWaitsForTheFirstAndGetsItsResponse() throws Exception {
        xero.sandbox().faults().latency(Duration.ofMillis(800));
        CompletableFuture<Exchange> first = xero.api().api("PUT", "/Invoices").header("Idempotency-Key", "k-concurrent")
                .json(invoice("R1")).sendAsync();
        Thread.sleep(200);
        CompletableFuture<Exchange> second = xero.api().api("PUT", "/Invoices").header("Idempotency-Key", "k-concurrent")
                .json(invoice("R1")).sendAsync();

        assertThat(second.get().body()).isEqualTo(first.get().body());
        xero.sandbox().faults().latency(Duration.ZERO);
        assertThat(invoiceCount()).isEqualTo(1);
    }

    @Test
    void keysAreForgottenAfterSixMinutesOfSandboxTime() {
        Exchange first = put("job-44", invoice("R1"));
        xero.clock().advance(Duration.ofMinutes(5).plusSeconds(59));
        Exchange within = put("job-44", invoice("R1"));
        xero.clock().advance(Duration.ofSeconds(1));
        Exchange after = put("job-44", invoice("R1"));

        assertThat(within.body()).isEqualTo(first.body());
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("Invoices").get(0).get("InvoiceID").asText())
                .isNotEqualTo(first.json().get("Invoices").get(0).get("InvoiceID").asText());
        assertThat(invoiceCount()).as("the key covers retries within six minutes only").isEqualTo(2);
    }

    @Test
    void errorsAreReplayedToo() {
        String bad = invoice("R1").replace("\"200\"", "\"999\"");

        Exchange first = put("job-45", bad);
        Exchange repeat = put("job-45", bad);

        assertThat(first.status()).isEqualTo(400);
        assertThat(repeat.status()).isEqualTo(400);
        assertThat(repeat.body()).isEqualTo(first.body());
    }

    @Test
    void aKeyLongerThan128CharactersIsRefused() {
        Exchange x = put("k".repeat(129), invoice("R1"));

        assertThat(x.status()).isEqualTo(400);
        assertThat(invoiceCount()).isZero();
        assertThat(put("k".repeat(128), invoice("R1")).status()).isEqualTo(200);
    }
}
