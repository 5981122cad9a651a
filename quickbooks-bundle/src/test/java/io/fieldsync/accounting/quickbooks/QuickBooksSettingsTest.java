package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

/** Garbage in io.fieldsync.accounting.quickbooks: a typed, logged error, and the provider keeps working on sane values. */
class QuickBooksSettingsTest {

    @Test
    void aNonUrlApiUrlIsReportedAndIntuitsOwnIsUsedInstead() {
        QuickBooksConfiguration configuration = configuration(Map.of("api_url", "x y", "token_url", "ftp://identity.example"));

        assertThat(QuickBooksSettings.problems(configuration)).extracting(SyncError::code).containsOnly(ErrorCode.INVALID_CONFIGURATION);
        assertThat(QuickBooksSettings.problems(configuration)).extracting(SyncError::message)
                .anySatisfy(message -> assertThat(message).startsWith("api.url = 'x y' in io.fieldsync.accounting.quickbooks is not an http(s) URL"))
                .anySatisfy(message -> assertThat(message).startsWith("token.url = 'ftp://identity.example'"));
        QuickBooksSettings settings = QuickBooksSettings.of(configuration);
        assertThat(settings.apiUrl()).isEqualTo("https://quickbooks.api.intuit.com");
        assertThat(settings.tokenUrl()).isEqualTo("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer");
    }

    @Test
    void theSandboxUrlsOfTheDemoAreSane() {
        QuickBooksConfiguration configuration = configuration(Map.of("api_url", "http://localhost:8181/sandbox/qbo/"));

        assertThat(QuickBooksSettings.problems(configuration)).isEmpty();
        assertThat(QuickBooksSettings.of(configuration).apiUrl()).isEqualTo("http://localhost:8181/sandbox/qbo");
    }

    @Test
    void anEmptyClientIdRefusesAConnectAttemptWithATypedConfigurationError() {
        QuickBooksSettings settings = QuickBooksSettings.of(configuration(Map.of("client_id", " ", "client_secret", "s")));

        assertThatThrownBy(settings::requireApp)
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("client.id");
    }

    /** A configuration as DS builds it: the annotation's defaults, with {@code values} set. */
    static QuickBooksConfiguration configuration(Map<String, Object> values) {
        return (QuickBooksConfiguration) Proxy.newProxyInstance(QuickBooksSettingsTest.class.getClassLoader(), new Class<?>[] {QuickBooksConfiguration.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void intuitsOwnEndpointsAndItsDeveloperSandboxAreNotFlaggedButASimulatorIs() {
        assertThat(QuickBooksSettings.of(configuration(Map.of())).nonVendorEndpoints()).isEmpty();
        assertThat(QuickBooksSettings.of(configuration(Map.of("api_url", "https://sandbox-quickbooks.api.intuit.com")))
                .nonVendorEndpoints()).isEmpty();

        QuickBooksSettings demo = QuickBooksSettings.of(configuration(Map.of("api_url", "http://localhost:8181/sandbox/qbo",
                "token_url", "https://oauth.platform.intuit.com.example.net/oauth2/v1/tokens/bearer")));

        assertThat(demo.nonVendorEndpoints()).containsExactly(
                "token.url https://oauth.platform.intuit.com.example.net/oauth2/v1/tokens/bearer", "api.url http://localhost:8181/sandbox/qbo");
    }
}
