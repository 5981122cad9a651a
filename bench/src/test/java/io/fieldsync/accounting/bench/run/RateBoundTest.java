package io.fieldsync.accounting.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RateBoundTest {

    @Test
    void sixtyOneXeroCallsNeedOneFullMinuteAndSixtyNeedNone() {
        assertThat(RateBound.xero(61).fastest()).isEqualTo(Duration.ofMinutes(1));
        assertThat(RateBound.xero(60).fastest()).isZero();
        assertThat(RateBound.xero(60).limitBound()).isFalse();
        assertThat(RateBound.xero(181).fastest()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void quickBooksIsBoundByTheSlowerOfItsItemAndBatchLimits() {
        // 1,200 items in 40 batches: the items bind (2 minutes); 41 batches of 5 items: the batches bind (1 minute)
        assertThat(RateBound.quickBooks(1200, 40).fastest()).isEqualTo(Duration.ofMinutes(2));
        assertThat(RateBound.quickBooks(1200, 40).binding()).startsWith("500 requests/min");
        assertThat(RateBound.quickBooks(205, 41).fastest()).isEqualTo(Duration.ofMinutes(1));
        assertThat(RateBound.quickBooks(205, 41).binding()).startsWith("40 batches/min");
    }

    @Test
    void theRatioIsTheFastestDrainOverTheMeasuredOne() {
        assertThat(RateBound.xero(130).ratio(Duration.ofSeconds(150))).isEqualTo(0.8);
        assertThat(RateBound.xero(30).ratio(Duration.ofSeconds(10))).isNaN();
    }
}
