package io.fieldsync.accounting.quickbooks;

import static io.fieldsync.accounting.quickbooks.QuickBooksSettingsTest.configuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jasypt.encryption.pbe.StandardPBEStringEncryptor;
import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.ConfiguredSecrets;
import io.fieldsync.accounting.api.spi.WebhookDelivery;

/** Jasypt ENC(...) secrets in io.fieldsync.accounting.quickbooks, as Karaf operators encrypt configuration. */
class QuickBooksEncryptedSecretsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private static final byte[] BODY = "{\"eventNotifications\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void anEncryptedClientSecretAndVerifierTokenAreDecryptedByTheOperatorsEncryptor() {
        StandardPBEStringEncryptor encryptor = encryptor("operator-password");
        QuickBooksConfiguration configuration = configuration(Map.of("client_id", "app",
                "client_secret", "ENC(" + encryptor.encrypt("s3cret") + ")",
                "webhook_verifier_token", "ENC(" + encryptor.encrypt("verifier") + ")"));

        QuickBooksSettings settings = QuickBooksSettings.of(configuration,
                new ConfiguredSecrets(QuickBooksConfiguration.PID, QuickBooksConfiguration.DECRYPTOR_TARGET, JasyptDecryptor.of(encryptor("operator-password"))));

        assertThat(settings.clientSecret()).isEqualTo("s3cret");
        assertThat(settings.verifierToken()).isEqualTo("verifier");
        QuickBooksProvider provider = new QuickBooksProvider(settings, CLOCK);
        assertThat(provider.configurationProblems()).isEmpty();
        assertThat(provider.authorization().authorizationUrl(new AuthorizationRequest(new CompanyId("acme"), "state-1")).getQuery())
                .contains("client_id=app");
        assertThat(provider.webhooks().verify(signed("verifier"))).isTrue();
    }

    @Test
    void anEncryptedSecretWithoutAnEncryptorRefusesConnectingWithATypedErrorNamingTheProperty() {
        QuickBooksConfiguration configuration = configuration(Map.of("client_id", "app", "client_secret", "plain",
                "webhook_verifier_token", "ENC(bm90LXJlYWRhYmxl)"));

        QuickBooksProvider provider = new QuickBooksProvider(QuickBooksSettings.of(configuration, new ConfiguredSecrets(QuickBooksConfiguration.PID, QuickBooksConfiguration.DECRYPTOR_TARGET, null)), CLOCK);

        assertThat(provider.configurationProblems()).extracting(SyncError::code).containsExactly(ErrorCode.INVALID_CONFIGURATION);
        assertThat(provider.configurationProblems()).extracting(SyncError::message).singleElement().asString()
                .startsWith("webhook.verifier.token in io.fieldsync.accounting.quickbooks is encrypted (ENC(...)) but no Jasypt "
                        + "StringEncryptor").doesNotContain("bm90LXJlYWRhYmxl");
        assertThatThrownBy(() -> provider.authorization().authorizationUrl(new AuthorizationRequest(new CompanyId("acme"), "state-1")))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("webhook.verifier.token");
    }

    @Test
    void aSecretEncryptedWithAnotherPasswordRefusesConnectingAndWebhooksWithATypedError() {
        StandardPBEStringEncryptor other = encryptor("another-password");
        QuickBooksConfiguration configuration = configuration(Map.of("client_id", "app",
                "client_secret", "ENC(" + other.encrypt("s3cret") + ")", "webhook_verifier_token", "ENC(" + other.encrypt("verifier") + ")"));

        QuickBooksProvider provider = new QuickBooksProvider(
                QuickBooksSettings.of(configuration, new ConfiguredSecrets(QuickBooksConfiguration.PID, QuickBooksConfiguration.DECRYPTOR_TARGET, JasyptDecryptor.of(encryptor("operator-password")))), CLOCK);

        assertThat(provider.configurationProblems()).extracting(SyncError::message)
                .satisfiesExactly(secret -> assertThat(secret).startsWith("client.secret in io.fieldsync.accounting.quickbooks is encrypted "
                                + "(ENC(...)) but the registered Jasypt StringEncryptor cannot decrypt it"),
                        token -> assertThat(token).startsWith("webhook.verifier.token in io.fieldsync.accounting.quickbooks"));
        assertThatThrownBy(() -> provider.authorization().authorizationUrl(new AuthorizationRequest(new CompanyId("acme"), "state-1")))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("client.secret");
        assertThat(provider.webhooks().verify(signed("verifier"))).isFalse();
    }

    @Test
    void plainSecretsAreUsedAsTheyAreWithOrWithoutAnEncryptor() {
        QuickBooksConfiguration configuration = configuration(Map.of("client_id", "app", "client_secret", "ENC(", "webhook_verifier_token", "t"));

        for (ConfiguredSecrets secrets : List.of(new ConfiguredSecrets(QuickBooksConfiguration.PID, QuickBooksConfiguration.DECRYPTOR_TARGET, null), new ConfiguredSecrets(QuickBooksConfiguration.PID, QuickBooksConfiguration.DECRYPTOR_TARGET, JasyptDecryptor.of(encryptor("pw"))))) {
            QuickBooksSettings settings = QuickBooksSettings.of(configuration, secrets);
            assertThat(settings.clientSecret()).isEqualTo("ENC(");
            assertThat(settings.verifierToken()).isEqualTo("t");
            assertThat(settings.unreadableSecrets()).isEmpty();
        }
    }

    private static WebhookDelivery signed(String verifierToken) {
        return new WebhookDelivery(Map.of(QboWebhooks.SIGNATURE_HEADER, List.of(QboWebhooks.sign(BODY, verifierToken))), BODY);
    }

    private static StandardPBEStringEncryptor encryptor(String password) {
        StandardPBEStringEncryptor encryptor = new StandardPBEStringEncryptor();
        encryptor.setPassword(password);
        return encryptor;
    }
}
