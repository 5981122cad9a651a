package io.fieldsync.accounting.bench;

import java.lang.annotation.Annotation;

import io.fieldsync.accounting.engine.EngineConfiguration;
import io.fieldsync.accounting.xero.XeroConfiguration;

/** The configurations DS would build from Config Admin, for the engine and the Xero provider outside OSGi. */
final class BenchConfigs {

    private BenchConfigs() {
    }

    static EngineConfiguration engine() {
        return new EngineConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EngineConfiguration.class;
            }

            @Override
            public String provider() {
                return "xero";
            }

            @Override
            public long dispatch_interval_ms() {
                return 1000;
            }

            @Override
            public long dispatch_linger_ms() {
                return 200;
            }

            @Override
            public long retry_delay_s() {
                return 30;
            }

            @Override
            public long retry_delay_max_s() {
                return 3600;
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

    static XeroConfiguration xero(String baseUrl, String clientId, String clientSecret, String redirectUri) {
        return new XeroConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return XeroConfiguration.class;
            }

            @Override
            public String client_id() {
                return clientId;
            }

            @Override
            public String client_secret() {
                return clientSecret;
            }

            @Override
            public String redirect_uri() {
                return redirectUri;
            }

            @Override
            public String webhook_key() {
                return "";
            }

            @Override
            public String scopes() {
                return GRANULAR_SCOPES;
            }

            @Override
            public String authorize_url() {
                return baseUrl + "/login/identity/connect/authorize";
            }

            @Override
            public String identity_url() {
                return baseUrl + "/identity";
            }

            @Override
            public String api_url() {
                return baseUrl;
            }

            @Override
            public int connect_timeout_ms() {
                return 10_000;
            }

            @Override
            public int read_timeout_ms() {
                return 60_000;
            }
        };
    }
}
