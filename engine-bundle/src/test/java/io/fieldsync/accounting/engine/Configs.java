package io.fieldsync.accounting.engine;

import java.lang.annotation.Annotation;

/** Engine configurations for tests, as DS would build them from Config Admin. */
public final class Configs {

    private Configs() {
    }

    /** A configuration with {@code provider} active, a dispatcher that only runs when asked, and 1 s retries. */
    public static EngineConfiguration engine(String provider) {
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
                return 3_600_000;
            }

            @Override
            public long dispatch_linger_ms() {
                return 200;
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
            public String dataSource_target() {
                return "(dataSourceName=accounting)";
            }
        };
    }
}
