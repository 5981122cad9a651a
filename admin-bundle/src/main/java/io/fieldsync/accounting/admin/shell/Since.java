package io.fieldsync.accounting.admin.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --since} as an admin types it: an ISO-8601 instant ({@code 2026-11-02T09:00:00Z}), a day
 * ({@code 2026-11-02}, from its start in UTC) or an age ({@code 30m}, {@code 2h}, {@code 7d}).
 */
final class Since {

    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([smhd])");

    private Since() {
    }

    /** The instant meant, or an IllegalArgumentException saying what is understood. */
    static Instant parse(String value, Instant now) {
        String typed = value.strip();
        Matcher age = AGE.matcher(typed.toLowerCase(Locale.ROOT));
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration ago = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return now.minus(ago);
        }
        try {
            return Instant.parse(typed);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(typed).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADay) {
                throw new IllegalArgumentException("--since '" + value + "' is not an instant (2026-11-02T09:00:00Z), a day "
                        + "(2026-11-02) or an age (30m, 2h, 7d)");
            }
        }
    }
}
