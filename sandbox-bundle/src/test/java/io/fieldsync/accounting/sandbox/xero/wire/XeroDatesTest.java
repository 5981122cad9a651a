package io.fieldsync.accounting.sandbox.xero.wire;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class XeroDatesTest {

    @Test
    void calendarDatesGoOutAsMidnightUtcInDotNetFormWithTheirDateString() {
        LocalDate d = LocalDate.of(2019, 3, 11);

        assertThat(XeroDates.msDate(d)).isEqualTo("/Date(1552262400000+0000)/");
        assertThat(XeroDates.dateString(d)).isEqualTo("2019-03-11T00:00:00");
    }

    @Test
    void timestampsGoOutInEachOfXerosFormats() {
        Instant t = Instant.parse("2019-03-11T17:58:46.117Z");

        assertThat(XeroDates.msDateTime(t)).isEqualTo("/Date(1552327126117+0000)/");
        assertThat(XeroDates.msTimestamp(t)).isEqualTo("/Date(1552327126117)/");
        assertThat(XeroDates.isoUtcSeconds(t)).isEqualTo("2019-03-11T17:58:46Z");
        assertThat(XeroDates.connectionTimestamp(t)).isEqualTo("2019-03-11T17:58:46.1170000");
        assertThat(XeroDates.eventTimestamp(t)).isEqualTo("2019-03-11T17:58:46.117");
        assertThat(XeroDates.tokenExpiry(t)).isEqualTo("03/11/2019 17:58:46");
    }

    @Test
    void requestDatesAreReadInEveryFormXeroAccepts() {
        LocalDate expected = LocalDate.of(2019, 3, 11);

        assertThat(XeroDates.parseDate("2019-03-11")).isEqualTo(expected);
        assertThat(XeroDates.parseDate("2019-03-11T00:00:00")).isEqualTo(expected);
        assertThat(XeroDates.parseDate("/Date(1552262400000+0000)/")).isEqualTo(expected);
    }

    @Test
    void ifModifiedSinceIsReadWithOffsetWithoutOffsetOrInRfc1123() {
        Instant expected = Instant.parse("2020-02-06T20:17:43Z");

        assertThat(XeroDates.parseTimestamp("2020-02-06T12:17:43-08:00")).isEqualTo(expected);
        assertThat(XeroDates.parseTimestamp("2020-02-06T20:17:43")).isEqualTo(expected);
        assertThat(XeroDates.parseTimestamp("Thu, 6 Feb 2020 20:17:43 GMT")).isEqualTo(expected);
    }
}
