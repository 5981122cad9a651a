package io.fieldsync.accounting.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.bench.run.BenchOptions.Metric;

class BenchOptionsTest {

    @Test
    void theFullFormMeasuresEverythingOnBothProvidersWithTwoHundredCompanies() {
        BenchOptions full = BenchOptions.parse(new String[0]);

        assertThat(full.quick()).isFalse();
        assertThat(full.providers()).containsExactly("xero", "quickbooks");
        assertThat(full.metrics()).containsExactlyInAnyOrder(Metric.values());
        assertThat(full.companies() * full.providers().size()).isEqualTo(200);
        assertThat(full.enqueueDocuments()).isEqualTo(20_000);
    }

    @Test
    void quickStillRunsAPlanLongerThanOneMinutesAllowance() {
        BenchOptions quick = BenchOptions.parse(new String[] {"--quick", "--provider", "xero"});

        assertThat(quick.quick()).isTrue();
        assertThat(quick.providers()).containsExactly("xero");
        // ×5: 725 documents, about 70 Xero calls and 760 QuickBooks batch items: both above one minute's 60 and 500
        assertThat(quick.limitBoundScale()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void onlyNamesTheMeasurementsToRun() {
        assertThat(BenchOptions.parse(new String[] {"--only", "calls,webhook"}).metrics()).containsExactlyInAnyOrder(Metric.CALLS, Metric.WEBHOOK);
        assertThat(BenchOptions.parse(new String[] {"--only", "calls"}).measures(Metric.ENQUEUE)).isFalse();
    }

    @Test
    void anUnknownArgumentProviderOrMetricIsRefused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"})).hasMessageContaining("usage");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--provider", "sage"})).hasMessageContaining("xero, quickbooks or both");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only", "speed"})).hasMessageContaining("not speed");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only"})).hasMessageContaining("usage");
    }
}
