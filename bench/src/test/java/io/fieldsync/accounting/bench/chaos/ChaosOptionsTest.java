package io.fieldsync.accounting.bench.chaos;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChaosOptionsTest {

    @Test
    void quickIsTheCiSizeWithAtLeastFiveKillsOnBothProviders() {
        ChaosOptions quick = ChaosOptions.parse(new String[] {"--quick"});

        assertThat(quick.providers()).containsExactly(ChaosProvider.XERO, ChaosProvider.QUICKBOOKS);
        assertThat(quick.kills()).isGreaterThanOrEqualTo(5);
        assertThat(quick.documents()).isEqualTo(300);
        assertThat(quick.span().plus(quick.drainTimeout())).isLessThanOrEqualTo(Duration.ofSeconds(280));
    }

    @Test
    void theFullFormDrainsMoreThanAThousandDocumentsWithTheShippedFirstRetryDelay() {
        ChaosOptions full = ChaosOptions.parse(new String[] {"--provider", "xero", "--seed", "9"});

        assertThat(full.providers()).containsExactly(ChaosProvider.XERO);
        assertThat(full.documents()).isGreaterThanOrEqualTo(1000);
        assertThat(full.kills()).isGreaterThanOrEqualTo(5);
        assertThat(full.retryDelaySeconds()).isEqualTo(30);
        assertThat(full.seed()).isEqualTo(9);
    }

    @Test
    void anUnknownProviderOrAStrayArgumentIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--provider", "sage"})).hasMessageContaining("xero, quickbooks or both");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"now"})).hasMessageContaining("usage");
    }
}
