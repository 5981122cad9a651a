package io.fieldsync.accounting.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FleetTest {

    @Test
    void theIsolationFleetIsOneEngineInWhichHalfTheCompaniesChoseXeroAndHalfQuickBooks() throws Exception {
        try (Fleet fleet = Fleet.of(List.of("xero", "quickbooks"), 2)) {
            assertThat(fleet.companies).extracting(Fleet.Company::provider).containsExactly("xero", "xero", "quickbooks", "quickbooks");
            assertThat(fleet.companiesPerProvider()).as("as the one engine sees them").isEqualTo(Map.of("xero", 2L, "quickbooks", 2L));
        }
    }
}
