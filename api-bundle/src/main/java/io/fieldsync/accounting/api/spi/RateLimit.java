package io.fieldsync.accounting.api.spi;

/**
 * Which of the accounting system's limits a call ran into or a response spoke about. The engine paces each
 * connection's lane by them: a {@link #MINUTE} or {@link #CONCURRENT} limit pauses that connection only, a
 * {@link #DAY} limit defers its documents until the day resets, an {@link #APP_MINUTE} limit pauses every connection
 * of the provider (the app's budget is shared by all organisations).
 */
public enum RateLimit {
    /** Calls per minute for one organisation. */
    MINUTE("minute"),
    /** Calls per day for one organisation. */
    DAY("daily"),
    /** Calls per minute across every organisation of the app. */
    APP_MINUTE("app-wide minute"),
    /** Calls in flight at once for one organisation. */
    CONCURRENT("concurrent");

    private final String words;

    RateLimit(String words) {
        this.words = words;
    }

    /** The limit in words, as documents and status show it ("daily", "app-wide minute"). */
    public String words() {
        return words;
    }

    /** True when hitting it concerns every organisation of the app, not one connection. */
    public boolean appWide() {
        return this == APP_MINUTE;
    }
}
