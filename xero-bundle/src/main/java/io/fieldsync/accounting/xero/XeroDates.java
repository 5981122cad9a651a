package io.fieldsync.accounting.xero;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Xero's date forms: requests send {@code YYYY-MM-DD}; responses send the .NET form
 * {@code /Date(1552262400000+0000)/} (milliseconds since the epoch, UTC) or an ISO date-time.
 */
final class XeroDates {

    private static final Pattern DOTNET = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

    private XeroDates() {
    }

    static String format(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** The instant a Xero date value names, or null. */
    static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher dotnet = DOTNET.matcher(value.strip());
        if (dotnet.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(dotnet.group(1)));
        }
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return LocalDateTime.parse(value.endsWith("Z") ? value.substring(0, value.length() - 1) : value).toInstant(ZoneOffset.UTC);
    }

    /** The date a Xero date value names, or null. */
    static LocalDate date(String value) {
        Instant instant = instant(value);
        return instant == null ? null : instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
