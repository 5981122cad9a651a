package io.fieldsync.accounting.engine.connections;

import java.time.Duration;
import java.time.Instant;

/**
 * A budget of calls in a fixed window (a minute, a day): counted by us from the calls made, corrected by what the
 * accounting system reports (calls remaining, when the window resets). Whichever says fewer calls are left wins.
 *
 * <p>Providers report a response's limits before its call is written to the sync log, where we count it: the first call
 * counted after a report is the one the report already describes, so it is not taken off the reported figure again.
 */
final class CallWindow {

    private final Duration length;
    private int declared;
    private Instant resetsAt;
    private int used;
    private Integer reported;
    private int usedAtReport;
    private boolean reportAwaitsItsCall;

    CallWindow(Duration length, int declared) {
        this.length = length;
        this.declared = declared;
    }

    /** The declared limit, which may change when the provider's configuration does. */
    synchronized void declare(int limit) {
        this.declared = limit;
    }

    synchronized int declared() {
        return declared;
    }

    /** Calls left in the window at {@code now}. */
    synchronized int remaining(Instant now) {
        roll(now);
        int own = declared - used;
        if (reported == null) {
            return Math.max(0, own);
        }
        return Math.max(0, Math.min(own, reported - (used - usedAtReport)));
    }

    /** When the current window ends, or null when no call opened one. */
    synchronized Instant resetsAt(Instant now) {
        roll(now);
        return resetsAt;
    }

    /** A call was made at {@code now}. */
    synchronized void called(Instant now) {
        called(now, 1);
    }

    /**
     * A call that the accounting system counts as {@code units} was made at {@code now} (QuickBooks counts each item
     * of a batch). A report the call's response made already counts the call's units.
     */
    synchronized void called(Instant now, int units) {
        roll(now);
        if (resetsAt == null) {
            resetsAt = now.plus(length);
        }
        used += units;
        if (reportAwaitsItsCall) {
            usedAtReport += units;
            reportAwaitsItsCall = false;
        }
    }

    /** What a response said: calls remaining (or null) and when the window resets (or null), at {@code now}. */
    synchronized void report(Integer remaining, Instant resets, Instant now) {
        report(remaining, resets, now, false);
    }

    /**
     * What a response said, {@code refusal} when it was a 429 whose wait is the vendor's word. A plain response's reset
     * may only bring the window's end closer: Xero sends no reset time and its provider reports the latest it can be, a
     * minute after the response, while the window we count opened with our first call in it, so it ends a minute after
     * that call at the latest. Taking every response's "latest" as the end kept the lane waiting a minute after its
     * last call instead of after its first (Xero's full bench plan: two minutes lost in 253 s).
     */
    synchronized void report(Integer remaining, Instant resets, Instant now, boolean refusal) {
        roll(now);
        if (remaining != null) {
            reported = remaining;
            usedAtReport = used;
            reportAwaitsItsCall = true;
            if (resetsAt == null) {
                resetsAt = now.plus(length);
            }
        }
        if (resets != null && resets.isAfter(now) && (refusal || resetsAt == null || resets.isBefore(resetsAt))) {
            resetsAt = resets;
        }
    }

    private void roll(Instant now) {
        if (resetsAt != null && !now.isBefore(resetsAt)) {
            resetsAt = null;
            used = 0;
            reported = null;
            usedAtReport = 0;
            reportAwaitsItsCall = false;
        }
    }
}
