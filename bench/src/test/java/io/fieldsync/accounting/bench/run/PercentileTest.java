package io.fieldsync.accounting.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PercentileTest {

    @Test
    void theP99OfAHundredSamplesIsTheNinetyNinthSmallest() {
        List<Integer> samples = IntStream.rangeClosed(1, 100).map(i -> 101 - i).boxed().toList();

        assertThat(Percentile.of(samples, 0.99)).isEqualTo(99);
        assertThat(Percentile.of(samples, 1.0)).isEqualTo(100);
        assertThat(Percentile.of(samples, 0.5)).isEqualTo(50);
    }

    @Test
    void withFewerThanAHundredSamplesTheP99IsTheLargest() {
        assertThat(Percentile.of(List.of(3.0, 1.0, 2.0), 0.99)).isEqualTo(3.0);
        assertThat(Percentile.of(List.of(7L), 0.99)).isEqualTo(7.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Percentile.median(List.of(4, 1, 3, 2))).isEqualTo(2.5);
        assertThat(Percentile.median(List.of(5, 1, 3))).isEqualTo(3.0);
    }

    @Test
    void noSamplesOrAQuantileOutsideTheUnitIntervalIsRefused() {
        assertThatThrownBy(() -> Percentile.of(List.<Integer>of(), 0.99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentile.of(List.of(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentile.of(List.of(1), 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
