package io.fieldsync.accounting.engine;

import java.lang.annotation.Annotation;

/** Engine configurations for tests, as DS would build them from Config Admin. */
public final class Configs {

    private Configs() {
    }

    /** A configuration with {@code provider} active, a dispatcher that only runs when asked, and 1 s retries. */
    public static EngineConfiguration engine(String provider) {
        return engine(provider, 3_600_000, 200, 120);
    }

    /**
     * A node of several sharing one journal: its dispatcher ticks every {@code intervalMillis} of real time, sends at once
     * (no batching delay: the test's clock stands still), and holds lanes for {@code leaseSeconds} of the engine's clock.
     */
    public static EngineConfiguration node(String provider, long intervalMillis, long leaseSeconds) {
        return engine(provider, intervalMillis, 0, leaseSeconds);
    }

    private static EngineConfiguration engine(String provider, long intervalMillis, long lingerMillis, long leaseSeconds) {
        return new EngineConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EngineConfiguration.class;
            }

            @Override
            public String provider() {
                return provider;
            }

            @Override
            public long dispatch_interval_ms() {
                return intervalMillis;
            }

            @Override
            public long dispatch_linger_ms() {
                return lingerMillis;
            }

            @Override
            public int lane_workers() {
                return 4;
            }

            @Override
            public long retry_delay_s() {
                return 1;
            }

            @Override
            public long retry_delay_max_s() {
                return 60;
            }

            @Override
            public int poll_interval_min() {
                return 0;
            }

            @Override
            public String node_id() {
                return "";
            }

            @Override
            public long lane_lease_s() {
                return leaseSeconds;
            }

            @Override
            public String token_keys() {
                return "";
            }

            @Override
            public String dataSource_target() {
                return "(dataSourceName=accounting)";
            }
        };
    }
}
