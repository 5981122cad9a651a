package io.fieldsync.accounting.sandbox.qbo;

import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.UncheckedIOException;

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
    void aForcedThrottleAnswers429() {
        fx.sandbox().throttleNext(1);

        assertThat(fx.api().get("/customer/1").status()).isEqualTo(429);
        assertThat(fx.api().get("/customer/1").status()).isEqualTo(200);
    }
}
