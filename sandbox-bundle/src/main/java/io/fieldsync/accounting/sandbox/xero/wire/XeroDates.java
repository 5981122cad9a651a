package io.fieldsync.accounting.sandbox.xero.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Xero's date formats. Responses carry .NET-style {@code /Date(1552262400000+0000)/} values plus ISO strings
 * ({@code DateString: 2019-03-11T00:00:00}, {@code UpdatedDateUTCString: 2019-03-11T17:58:46Z}); requests send
 * {@code YYYY-MM-DD} (reference/api-facts.md §2 and the spec's examples). Organisations in the sandbox keep UTC.
 */
public final class XeroDates {

    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
    private static final DateTimeFormatter DATE_STRING = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter CONNECTION = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS");
    private static final DateTimeFormatter EVENT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    private static final DateTimeFormatter TOKEN_EXPIRY = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm:ss");

    private XeroDates() {
    }

    /** A calendar date as Xero sends it: {@code /Date(1552262400000+0000)/} (midnight UTC). */
    public static String msDate(LocalDate date) {
        return "/Date(" + date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + "+0000)/";
    }

    /** A timestamp field such as {@code UpdatedDateUTC}: {@code /Date(1552327126117+0000)/}. */
    public static String msDateTime(Instant t) {
        return "/Date(" + t.toEpochMilli() + "+0000)/";
    }

    /** The envelope's {@code DateTimeUTC}: {@code /Date(1552327126164)/}. */
    public static String msTimestamp(Instant t) {
        return "/Date(" + t.toEpochMilli() + ")/";
    }

    /** {@code DateString} / {@code DueDateString}: {@code 2019-03-11T00:00:00}. */
    public static String dateString(LocalDate date) {
        return date.atStartOfDay().format(DATE_STRING);
    }

    /** {@code UpdatedDateUTCString}: {@code 2019-03-11T17:58:46Z}. */
    public static String isoUtcSeconds(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Connections' {@code createdDateUtc}: {@code 2019-12-07T18:46:19.5165400} (no zone, 7 fraction digits). */
    public static String connectionTimestamp(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(CONNECTION);
    }

    /** Webhook events' {@code eventDateUtc}: {@code 2024-06-21T01:15:39.902}. */
    public static String eventTimestamp(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(EVENT);
    }

    /** The time in a 401's {@code TokenExpired: token expired at 11/23/2026 15:48:10}. */
    public static String tokenExpiry(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(TOKEN_EXPIRY);
    }

    /** A request date: {@code 2019-03-11}, {@code 2019-03-11T00:00:00} or {@code /Date(…)/}. */
    public static LocalDate parseDate(String text) {
        String s = text.trim();
        Matcher ms = MS_DATE.matcher(s);
        if (ms.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(ms.group(1))).atZone(ZoneOffset.UTC).toLocalDate();
        }
        if (s.length() > 10 && s.charAt(10) == 'T') {
            return LocalDate.parse(s.substring(0, 10));
        }
        return LocalDate.parse(s);
    }

    /** An {@code If-Modified-Since} value: ISO with or without offset (no offset = UTC), or RFC 1123. */
    public static Instant parseTimestamp(String text) {
        String s = text.trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                } catch (DateTimeParseException notRfc) {
                    throw new DateTimeException("not a timestamp: " + text);
                }
            }
        }
    }
}
