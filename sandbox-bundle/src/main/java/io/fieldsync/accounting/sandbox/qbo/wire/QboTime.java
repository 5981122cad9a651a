package io.fieldsync.accounting.sandbox.qbo.wire;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * QBO's clocks: MetaData times and the response {@code time} are ISO-8601 with the offset of Intuit's servers
 * (Pacific time, as every sample shows: "2015-07-24T10:33:39-07:00"); TxnDate and DueDate are plain dates in the
 * company's own zone.
 */
public final class QboTime {

    public static final ZoneId INTUIT_ZONE = ZoneId.of("America/Los_Angeles");
    private static final DateTimeFormatter META = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter RESPONSE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private QboTime() {
    }

    /** MetaData.CreateTime / LastUpdatedTime: whole seconds, as QBO sends them. */
    public static String meta(Instant at) {
        return META.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(INTUIT_ZONE));
    }

    /** The {@code time} of a response and of CloudEvents. */
    public static String response(Instant at) {
        return RESPONSE.format(at.atZone(INTUIT_ZONE));
    }

    /**
     * A point in time as clients write it in queries and CDC: with an offset ("2026-03-02T01:00:00-08:00",
     * "…Z"), without one (taken as Pacific time) or a plain date (its start, Pacific time).
     */
    public static Optional<Instant> parseInstant(String text) {
        String t = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(java.time.LocalDateTime.parse(t).atZone(INTUIT_ZONE).toInstant());
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(t).atStartOfDay(INTUIT_ZONE).toInstant());
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        }
    }
}
