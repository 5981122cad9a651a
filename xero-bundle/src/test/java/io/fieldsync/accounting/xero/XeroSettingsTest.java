package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

/** Garbage in io.fieldsync.accounting.xero: a typed, logged error, and the provider keeps working on sane values. */
class XeroSettingsTest {

    @Test
    void aNonUrlApiUrlIsReportedAndXerosOwnIsUsedInstead() {
        XeroConfiguration configuration = configuration(Map.of("api_url", "x y", "identity_url", "ftp://identity.example"));

        assertThat(XeroSettings.problems(configuration)).extracting(SyncError::code).containsOnly(ErrorCode.INVALID_CONFIGURATION);
        assertThat(XeroSettings.problems(configuration)).extracting(SyncError::message)
                .anySatisfy(message -> assertThat(message).startsWith("api.url = 'x y' in io.fieldsync.accounting.xero is not an http(s) URL"))
                .anySatisfy(message -> assertThat(message).startsWith("identity.url = 'ftp://identity.example'"));
        XeroSettings settings = XeroSettings.of(configuration);
        assertThat(settings.apiUrl()).isEqualTo("https://api.xero.com");
        assertThat(settings.identityUrl()).isEqualTo("https://identity.xero.com");
    }

    @Test
    void theSandboxUrlsOfTheDemoAreSane() {
        XeroConfiguration configuration = configuration(Map.of("api_url", "http://localhost:8181/sandbox/xero/"));

        assertThat(XeroSettings.problems(configuration)).isEmpty();
        assertThat(XeroSettings.of(configuration).apiUrl()).isEqualTo("http://localhost:8181/sandbox/xero");
    }

    @Test
    void anEmptyClientIdRefusesAConnectAttemptWithATypedConfigurationError() {
        XeroSettings settings = XeroSettings.of(configuration(Map.of("client_id", " ", "client_secret", "s")));

        assertThatThrownBy(settings::requireApp)
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("client.id");
    }

    /** A configuration as DS builds it: the annotation's defaults, with {@code values} set. */
    static XeroConfiguration configuration(Map<String, Object> values) {
        return (XeroConfiguration) Proxy.newProxyInstance(XeroSettingsTest.class.getClassLoader(), new Class<?>[] {XeroConfiguration.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void xerosOwnEndpointsAreNotFlaggedAndASandboxOrPlainHttpIs() {
        assertThat(XeroSettings.of(configuration(Map.of())).nonVendorEndpoints()).isEmpty();

        XeroSettings demo = XeroSettings.of(configuration(Map.of("api_url", "http://localhost:8181/sandbox/xero",
                "identity_url", "http://identity.xero.com")));

        assertThat(demo.nonVendorEndpoints()).containsExactly("identity.url http://identity.xero.com",
                "api.url http://localhost:8181/sandbox/xero");
    }
}
