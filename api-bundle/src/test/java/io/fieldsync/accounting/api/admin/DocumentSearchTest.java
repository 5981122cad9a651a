package io.fieldsync.accounting.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.CompanyId;

class DocumentSearchTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final Instant NINE = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void aBlankTextSearchesForAnythingAndATextIsStripped() {
        assertThat(search(null, null, "   ", 0, 10).text()).isNull();
        assertThat(search(null, null, "  Harbour ", 0, 10).text()).isEqualTo("Harbour");
    }

    @Test
    void anEmptyOrInvertedTimeRangeIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> search(NINE, NINE, null, 0, 10)).withMessageContaining("range is empty");
        assertThatIllegalArgumentException().isThrownBy(() -> search(NINE.plusSeconds(1), NINE, null, 0, 10));
        assertThat(search(NINE, null, null, 0, 10).updatedFrom()).isEqualTo(NINE);
    }

    @Test
    void aTextTooLongOrWithAControlCharacterIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> search(null, null, "x".repeat(DocumentSearch.MAX_TEXT + 1), 0, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> search(null, null, "a\u0000b", 0, 10)).withMessageContaining("control");
    }

    @Test
    void pagingOutsideItsBoundsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> search(null, null, null, -1, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> search(null, null, null, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> search(null, null, null, 0, DocumentSearch.MAX_LIMIT + 1));
    }

    @Test
    void aRowBackingOffHasANextAttempt() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DocumentRow(
                new io.fieldsync.accounting.api.DocumentStatus(io.fieldsync.accounting.api.DocumentRef.invoice(ACME, "J-1"), 1,
                        io.fieldsync.accounting.api.SyncStatus.PENDING, null, null, null, null, 0, NINE, null, null), null, true));
    }

    private static DocumentSearch search(Instant from, Instant before, String text, int offset, int limit) {
        return new DocumentSearch(ACME, Set.of(), Set.of(), from, before, text, offset, limit);
    }
}
