package io.fieldsync.accounting.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.fieldsync.accounting.bench.chaos.ChaosEvent.Kind;

/**
 * When the run does what to the engine, drawn from the seed so that a run can be repeated: {@code kill -9} at
 * {@code kills} random moments (one in each equal part of the window, away from its edges, so that kills never
 * come back to back), dropped and late answers after applied writes, 429 windows of a few seconds, one token endpoint outage met by
 * expired access tokens, one revocation. The window runs from a tenth of the host's day to a tenth past its end, so
 * that the last kill can hit the drain. The 10 % error rate is not here: it is on for the whole run.
 */
final class FaultSchedule {

    private FaultSchedule() {
    }

    static List<ChaosEvent> plan(long seed, Duration day, int kills, int readTimeoutMillis) {
        Random random = new Random(seed * 31 + 7);
        long span = day.toMillis();
        long from = span / 10;
        long to = span + span / 10;
        List<ChaosEvent> events = new ArrayList<>();
        long segment = (to - from) / Math.max(1, kills);
        for (int k = 0; k < kills; k++) {
            long at = from + k * segment + (long) (segment * (0.2 + 0.6 * random.nextDouble()));
            events.add(new ChaosEvent(at, Kind.KILL, 0, 500 + random.nextInt(2500)));
        }
        int drops = Math.max(4, (int) (span / 15_000));
        for (int i = 0; i < drops; i++) {
            events.add(new ChaosEvent(within(random, span, 0.05, 1.0), Kind.DROP_AFTER_APPLY, 1, 0));
        }
        for (int i = 0; i < 2; i++) {
            events.add(new ChaosEvent(within(random, span, 0.1, 0.9), Kind.LATE_ANSWER, 1, readTimeoutMillis + 4_000L));
        }
        int bursts = Math.max(3, (int) (span / 40_000));
        for (int i = 0; i < bursts; i++) {
            long at = within(random, span, 0.05, 1.0);
            int seconds = 3 + random.nextInt(6);
            events.add(new ChaosEvent(at, Kind.TOO_MANY_REQUESTS, seconds, 2 + random.nextInt(4)));
            events.add(new ChaosEvent(at + seconds * 1000L, Kind.TOO_MANY_REQUESTS_END, 0, 0));
        }
        // far enough apart that the revocation is not swallowed by the outage
        events.add(new ChaosEvent(within(random, span, 0.20, 0.30), Kind.TOKEN_OUTAGE, 0, 15));
        events.add(new ChaosEvent(within(random, span, 0.60, 0.75), Kind.REVOKE, 0, 0));
        events.sort(Comparator.comparingLong(ChaosEvent::atMillis));
        return List.copyOf(events);
    }

    private static long within(Random random, long span, double from, double to) {
        return (long) (span * (from + (to - from) * random.nextDouble()));
    }
}
