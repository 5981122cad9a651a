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

    @Test
    void byDefaultTheRunIsOneEngineOnTheShippedH2FileAsBefore() {
        ChaosOptions single = ChaosOptions.parse(new String[] {"--quick", "--provider", "both"});

        assertThat(single.nodes()).isEqualTo(1);
        assertThat(single.database()).isEqualTo(ChaosOptions.Database.H2);
        assertThat(single.clustered()).isFalse();
    }

    @Test
    void threeNodesImplyPostgresqlAndTheFullFormDrainsAtLeastTwoThousandDocuments() {
        ChaosOptions full = ChaosOptions.parse(new String[] {"--nodes", "3", "--provider", "xero"});
        ChaosOptions quick = ChaosOptions.parse(new String[] {"--nodes", "3", "--quick"});

        assertThat(full.database()).isEqualTo(ChaosOptions.Database.POSTGRESQL);
        assertThat(full.clustered()).isTrue();
        assertThat(full.documents()).isGreaterThanOrEqualTo(2000);
        assertThat(quick.documents()).isEqualTo(300);
        assertThat(quick.nodes()).isEqualTo(3);
    }

    @Test
    void oneNodeOnPostgresqlIsAClusterOfOne() {
        ChaosOptions one = ChaosOptions.parse(new String[] {"--database", "postgresql", "--quick"});

        assertThat(one.nodes()).isEqualTo(1);
        assertThat(one.clustered()).isTrue();
    }

    @Test
    void severalNodesCannotShareTheEmbeddedH2FileAndNoNodesIsNoRun() {
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--nodes", "2", "--database", "h2"})).hasMessageContaining("postgresql");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--nodes", "0"})).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--database", "oracle"})).hasMessageContaining("h2 or postgresql");
    }
}
