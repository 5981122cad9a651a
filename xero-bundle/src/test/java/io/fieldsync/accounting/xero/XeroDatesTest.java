package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class XeroDatesTest {

    @Test
    void theDotNetFormXeroAnswersWithIsReadAsUtc() {
        assertThat(XeroDates.instant("/Date(1552262400000+0000)/")).isEqualTo(Instant.parse("2019-03-11T00:00:00Z"));
        assertThat(XeroDates.date("/Date(1552262400000+0000)/")).isEqualTo(LocalDate.of(2019, 3, 11));
        assertThat(XeroDates.instant("/Date(1573755038314)/")).isEqualTo(Instant.ofEpochMilli(1573755038314L));
    }

    @Test
    void isoDatesAndDateTimesAreReadToo() {
        assertThat(XeroDates.date("2019-03-11")).isEqualTo(LocalDate.of(2019, 3, 11));
        assertThat(XeroDates.instant("2019-12-07T18:46:19.5165400")).isEqualTo(Instant.parse("2019-12-07T18:46:19.516540Z"));
        assertThat(XeroDates.instant(null)).isNull();
    }

    @Test
    void requestsCarryPlainIsoDates() {
        assertThat(XeroDates.format(LocalDate.of(2026, 11, 2))).isEqualTo("2026-11-02");
    }
}
