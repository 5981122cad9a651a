package io.fieldsync.accounting.api;

import static io.fieldsync.accounting.api.TestData.COMPANY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DocumentQuery, SyncLogQuery and Ticket: paging and receipts. */
class QueriesTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 100, DocumentQuery.MAX_LIMIT})
    void documentQueryAcceptsLimitsFromOneToFiveHundred(int limit) {
        assertThat(new DocumentQuery(COMPANY, Set.of(), Set.of(), 0, limit).limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 501, Integer.MAX_VALUE})
    void documentQueryLimitOutsideOneToFiveHundredIsRefused(int limit) {
        assertThatThrownBy(() -> new DocumentQuery(COMPANY, Set.of(), Set.of(), 0, limit))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be 1-500");
    }

    @Test
    void documentQueryNegativeOffsetIsRefused() {
        assertThatThrownBy(() -> new DocumentQuery(COMPANY, Set.of(), Set.of(), -1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset must not be negative");
    }

    @Test
    void documentQueryWithoutCompanyIsRefused() {
        assertThatThrownBy(() -> new DocumentQuery(null, Set.of(), Set.of(), 0, 10))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("company");
    }

    @Test
    void documentQueryNullFiltersMeanAll() {
        DocumentQuery query = new DocumentQuery(COMPANY, null, null, 0, 10);

        assertThat(query.statuses()).isEmpty();
        assertThat(query.kinds()).isEmpty();
    }

    @Test
    void documentQueryFiltersAreCopiedImmutably() {
        Set<SyncStatus> statuses = new HashSet<>(Set.of(SyncStatus.FAILED));
        DocumentQuery query = new DocumentQuery(COMPANY, statuses, EnumSet.of(DocumentKind.INVOICE), 0, 10);

        statuses.add(SyncStatus.PENDING);

        assertThat(query.statuses()).containsExactly(SyncStatus.FAILED);
        assertThatThrownBy(() -> query.kinds().add(DocumentKind.PAYMENT))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void byStatusGivesTheFirstPageOfOneHundredInThoseStatuses() {
        DocumentQuery query = DocumentQuery.byStatus(COMPANY, SyncStatus.FAILED, SyncStatus.UNSUPPORTED);

        assertThat(query.statuses()).containsExactlyInAnyOrder(SyncStatus.FAILED, SyncStatus.UNSUPPORTED);
        assertThat(query.kinds()).isEmpty();
        assertThat(query.offset()).isZero();
        assertThat(query.limit()).isEqualTo(100);
    }

    @Test
    void byStatusWithoutStatusesMeansAllStatuses() {
        assertThat(DocumentQuery.byStatus(COMPANY).statuses()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000})
    void syncLogQueryAcceptsLimitsFromOneToThousand(int limit) {
        assertThat(SyncLogQuery.latest(COMPANY, limit).limit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5, 1001})
    void syncLogQueryLimitOutsideOneToThousandIsRefused(int limit) {
        assertThatThrownBy(() -> new SyncLogQuery(COMPANY, null, true, Instant.EPOCH, limit))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be 1-1000");
    }

    @Test
    void latestSyncLogQueryHasNoFilters() {
        SyncLogQuery query = SyncLogQuery.latest(COMPANY, 50);

        assertThat(query.company()).isEqualTo(COMPANY);
        assertThat(query.document()).isNull();
        assertThat(query.errorsOnly()).isFalse();
        assertThat(query.since()).isNull();
    }

    @Test
    void syncLogQueryWithoutCompanyIsRefused() {
        assertThatThrownBy(() -> SyncLogQuery.latest(null, 10))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("company");
    }

    @Test
    void ticketRevisionStartsAtOne() {
        DocumentRef ref = DocumentRef.invoice(COMPANY, "inv-1");

        assertThat(new Ticket(ref, 1, SyncStatus.PENDING, Instant.EPOCH).revision()).isEqualTo(1);
        assertThatThrownBy(() -> new Ticket(ref, 0, SyncStatus.PENDING, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revision starts at 1");
    }

    @Test
    void queuedStatusesAreThoseTheEngineWaitsFor() {
        Set<SyncStatus> queued = EnumSet.noneOf(SyncStatus.class);
        for (SyncStatus status : SyncStatus.values()) {
            if (status.isQueued()) {
                queued.add(status);
            }
        }

        assertThat(queued).containsExactlyInAnyOrder(SyncStatus.PENDING, SyncStatus.SENDING, SyncStatus.OUTCOME_UNKNOWN,
                SyncStatus.DISCONNECTED);
    }
}
