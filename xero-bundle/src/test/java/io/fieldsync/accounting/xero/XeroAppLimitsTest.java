package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.ProviderLimits;

/** Xero's daily and app-wide limits depend on the app (its pricing tier), so they are configuration, not constants. */
class XeroAppLimitsTest {

    @Test
    void aNewAppIsOnTheStarterTierWithAThousandCallsADayAndTenThousandAMinuteAcrossOrganisations() {
        ProviderLimits limits = descriptorLimits(Map.of());

        assertThat(limits.callsPerDay()).isEqualTo(1000);
        assertThat(limits.appCallsPerMinute()).isEqualTo(10_000);
        assertThat(limits.callsPerMinute()).isEqualTo(60);
        assertThat(limits.concurrentCalls()).isEqualTo(5);
    }

    @Test
    void everyPaidTierHasFiveThousandCallsADay() {
        for (XeroAppTier tier : new XeroAppTier[] {XeroAppTier.CORE, XeroAppTier.PLUS, XeroAppTier.ADVANCED, XeroAppTier.ENTERPRISE}) {
            assertThat(descriptorLimits(Map.of("app_tier", tier)).callsPerDay()).as(tier.name()).isEqualTo(5000);
        }
    }

    @Test
    void explicitLimitsOverrideTheTiersForWhateverXeroAgreedWithTheApp() {
        ProviderLimits limits = descriptorLimits(Map.of("app_tier", XeroAppTier.CORE, "calls_per_day", 2500, "app_calls_per_minute", 8000));

        assertThat(limits.callsPerDay()).isEqualTo(2500);
        assertThat(limits.appCallsPerMinute()).isEqualTo(8000);
    }

    @Test
    void aNegativeLimitIsATypedConfigurationErrorAndTheDefaultIsUsed() {
        XeroConfiguration configuration = XeroSettingsTest.configuration(Map.of("calls_per_day", -5, "app_calls_per_minute", 0));

        assertThat(XeroSettings.problems(configuration)).extracting(SyncError::code).containsOnly(ErrorCode.INVALID_CONFIGURATION);
        assertThat(XeroSettings.problems(configuration)).extracting(SyncError::message)
                .anySatisfy(message -> assertThat(message).startsWith("calls.per.day = -5 in io.fieldsync.accounting.xero"))
                .anySatisfy(message -> assertThat(message).startsWith("app.calls.per.minute = 0 in io.fieldsync.accounting.xero"));
        ProviderLimits limits = XeroAppLimits.of(configuration).limits();
        assertThat(limits.callsPerDay()).isEqualTo(1000);
        assertThat(limits.appCallsPerMinute()).isEqualTo(10_000);
    }

    private static ProviderLimits descriptorLimits(Map<String, Object> values) {
        XeroConfiguration configuration = XeroSettingsTest.configuration(values);
        return new XeroProvider(XeroSettings.of(configuration), XeroAppLimits.of(configuration), Clock.systemUTC()).descriptor().limits();
    }
}
