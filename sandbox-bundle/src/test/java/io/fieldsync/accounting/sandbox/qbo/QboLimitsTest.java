package io.fieldsync.accounting.sandbox.qbo;

import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class QboLimitsTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture().configure(c -> c.withLimits(QboLimits.real()
            .withPerMinute(5).withConcurrent(2).withBatchesPerMinute(2)));

    @Test
    void overThePerMinuteLimitIs429WithTheThrottleBodyAndNoRetryAfter() {
        for (int i = 0; i < 5; i++) {
            assertThat(fx.api().get("/customer/1").status()).isEqualTo(200);
        }

        Exchange x = fx.api().get("/customer/1");

        assertThat(x.status()).isEqualTo(429);
        assertThat(x.json().get("Fault").get("type").asText()).isEqualTo("SERVICE");
        assertThat(QboFixture.error(x).get("code").asText()).isEqualTo("003001");
        assertThat(QboFixture.error(x).get("Message").asText())
                .isEqualTo("message=ThrottleExceeded; errorCode=003001; statusCode=429");
        assertThat(x.header("Retry-After")).isNull();
        fx.clock().advance(Duration.ofMinutes(1));
        assertThat(fx.api().get("/customer/1").status()).as("a new window").isEqualTo(200);
    }

    @Test
    void everyBatchItemCountsTowardThePerMinuteLimit() {
        String four = "{\"BatchItemRequest\":[" + "{\"bId\":\"1\",\"Query\":\"select * from Item\"},".repeat(3)
                + "{\"bId\":\"4\",\"Query\":\"select * from Item\"}]}";

        assertThat(fx.api().post("/batch", four).status()).isEqualTo(200);
        assertThat(fx.api().post("/batch", four).status()).as("4 + 4 > 5").isEqualTo(429);
        assertThat(fx.api().get("/item/1").status()).isEqualTo(200);
    }

    @Test
    void batchesHaveTheirOwnPerMinuteLimit() {
        String one = "{\"BatchItemRequest\":[{\"bId\":\"1\",\"Query\":\"select * from Item\"}]}";

        assertThat(List.of(fx.api().post("/batch", one).status(), fx.api().post("/batch", one).status(),
                fx.api().post("/batch", one).status())).containsExactly(200, 200, 429);
    }

    @Test
    void moreRequestsInFlightThanAllowedAreThrottled() {
        fx.sandbox().faults().latency(Duration.ofMillis(400));
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(fx.api().company("GET", "/customer/1").sendAsync());
        }

        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(Exchange::status).toList();

        assertThat(statuses).contains(429).contains(200);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isLessThanOrEqualTo(2);
    }
}
