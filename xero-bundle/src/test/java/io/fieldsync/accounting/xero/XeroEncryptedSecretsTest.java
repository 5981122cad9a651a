package io.fieldsync.accounting.xero;

import static io.fieldsync.accounting.xero.XeroSettingsTest.configuration;
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

/** Jasypt ENC(...) secrets in io.fieldsync.accounting.xero, as Karaf operators encrypt configuration. */
class XeroEncryptedSecretsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void anEncryptedClientSecretAndWebhookKeyAreDecryptedByTheOperatorsEncryptor() {
        StandardPBEStringEncryptor encryptor = encryptor("operator-password");
        XeroConfiguration configuration = configuration(Map.of("client_id", "app", "client_secret", "ENC(" + encryptor.encrypt("s3cret") + ")",
                "webhook_key", " ENC(" + encryptor.encrypt("hook-key") + ") "));

        XeroSettings settings = XeroSettings.of(configuration, new ConfiguredSecrets(XeroConfiguration.PID, XeroConfiguration.DECRYPTOR_TARGET, JasyptDecryptor.of(encryptor("operator-password"))));

        assertThat(settings.clientSecret()).isEqualTo("s3cret");
        assertThat(settings.webhookKey()).isEqualTo("hook-key");
        assertThat(settings.unreadableSecrets()).isEmpty();
        XeroProvider provider = new XeroProvider(settings, CLOCK);
        assertThat(provider.configurationProblems()).isEmpty();
        assertThat(provider.authorization().authorizationUrl(new AuthorizationRequest(new CompanyId("acme"), "state-1")).getQuery())
                .contains("client_id=app");
        byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(provider.webhooks().verify(new WebhookDelivery(Map.of("X-Xero-Signature", List.of(XeroWebhooks.sign(body, "hook-key"))), body)))
                .isTrue();
    }

    @Test
    void anEncryptedSecretWithoutAnEncryptorRefusesConnectingWithATypedErrorNamingTheProperty() {
        XeroConfiguration configuration = configuration(Map.of("client_id", "app", "client_secret", "ENC(bm90LXJlYWRhYmxl)"));

        XeroProvider provider = new XeroProvider(XeroSettings.of(configuration, new ConfiguredSecrets(XeroConfiguration.PID, XeroConfiguration.DECRYPTOR_TARGET, null)), CLOCK);

        assertThat(provider.configurationProblems()).extracting(SyncError::code).containsExactly(ErrorCode.INVALID_CONFIGURATION);
        assertThat(provider.configurationProblems()).extracting(SyncError::message).singleElement().asString()
                .startsWith("client.secret in io.fieldsync.accounting.xero is encrypted (ENC(...)) but no Jasypt StringEncryptor")
                .contains("(alias=accounting)").doesNotContain("bm90LXJlYWRhYmxl");
        assertThatThrownBy(() -> provider.authorization().authorizationUrl(new AuthorizationRequest(new CompanyId("acme"), "state-1")))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("client.secret");
    }

    @Test
    void aSecretEncryptedWithAnotherPasswordRefusesConnectingAndWebhooksWithATypedError() {
        StandardPBEStringEncryptor other = encryptor("another-password");
        String encryptedKey = other.encrypt("hook-key");
        XeroConfiguration configuration = configuration(Map.of("client_id", "app", "client_secret", "ENC(" + other.encrypt("s3cret") + ")",
                "webhook_key", "ENC(" + encryptedKey + ")"));

        XeroProvider provider = new XeroProvider(
                XeroSettings.of(configuration, new ConfiguredSecrets(XeroConfiguration.PID, XeroConfiguration.DECRYPTOR_TARGET, JasyptDecryptor.of(encryptor("operator-password")))), CLOCK);

        assertThat(provider.configurationProblems()).extracting(SyncError::message)
                .satisfiesExactly(secret -> assertThat(secret).startsWith("client.secret in io.fieldsync.accounting.xero is encrypted (ENC(...)) "
                                + "but the registered Jasypt StringEncryptor cannot decrypt it"),
                        key -> assertThat(key).startsWith("webhook.key in io.fieldsync.accounting.xero").doesNotContain(encryptedKey));
        assertThatThrownBy(() -> provider.authorization().authorizationUrl(new AuthorizationRequest(new CompanyId("acme"), "state-1")))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("client.secret");
        byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(provider.webhooks().verify(new WebhookDelivery(Map.of("X-Xero-Signature", List.of(XeroWebhooks.sign(body, "hook-key"))), body)))
                .isFalse();
    }

    @Test
    void plainSecretsAreUsedAsTheyAreWithOrWithoutAnEncryptor() {
        XeroConfiguration configuration = configuration(Map.of("client_id", "app", "client_secret", "ENCrypted-looking(secret", "webhook_key", "key"));

        for (ConfiguredSecrets secrets : List.of(new ConfiguredSecrets(XeroConfiguration.PID, XeroConfiguration.DECRYPTOR_TARGET, null), new ConfiguredSecrets(XeroConfiguration.PID, XeroConfiguration.DECRYPTOR_TARGET, JasyptDecryptor.of(encryptor("pw"))))) {
            XeroSettings settings = XeroSettings.of(configuration, secrets);
            assertThat(settings.clientSecret()).isEqualTo("ENCrypted-looking(secret");
            assertThat(settings.webhookKey()).isEqualTo("key");
            assertThat(settings.unreadableSecrets()).isEmpty();
        }
    }

    /**
     * What Jasypt 1.9.3's CLI printed for {@code input='the-client-secret' password=pw algorithm=PBEWITHHMACSHA512ANDAES_256
     * ivGeneratorClassName=org.jasypt.iv.RandomIvGenerator} (the README's step 2 with the strong algorithm), run with the
     * jar Karaf 4.4.10's jasypt-encryption feature installs (org.apache.servicemix.bundles.jasypt 1.9.3_1).
     */
    private static final String CLI_AES_256_OUTPUT =
            "gnsD38UYa8Am1KpnvwQrj+KxlN43nmfS7iJ2AqZD1yT+XhDqS7D/d7ynqDP9GxVVWT0i9rxmgr8QhydgPsor+A==";

    @Test
    void aSecretTheCliEncryptedWithAes256AndARandomIvIsDecryptedByTheEncryptorTheReadmeRegisters() {
        XeroConfiguration configuration = configuration(Map.of("client_id", "app", "client_secret", "ENC(" + CLI_AES_256_OUTPUT + ")"));

        XeroSettings settings = XeroSettings.of(configuration, new ConfiguredSecrets(XeroConfiguration.PID, XeroConfiguration.DECRYPTOR_TARGET, JasyptDecryptor.of(readmeEncryptor("pw", true))));

        assertThat(settings.unreadableSecrets()).isEmpty();
        assertThat(settings.clientSecret()).isEqualTo("the-client-secret");
    }

    @Test
    void withARandomIvTheSameSecretEncryptsDifferentlyEachTimeAndEveryOneDecrypts() {
        StandardPBEStringEncryptor strong = readmeEncryptor("pw", true);
        String first = strong.encrypt("hook-key");
        String second = strong.encrypt("hook-key");
        XeroConfiguration configuration = configuration(Map.of("client_id", "app", "client_secret", "ENC(" + first + ")",
                "webhook_key", "ENC(" + second + ")"));

        XeroSettings settings = XeroSettings.of(configuration, new ConfiguredSecrets(XeroConfiguration.PID, XeroConfiguration.DECRYPTOR_TARGET, JasyptDecryptor.of(readmeEncryptor("pw", true))));

        assertThat(first).isNotEqualTo(second);
        assertThat(settings.clientSecret()).isEqualTo("hook-key");
        assertThat(settings.webhookKey()).isEqualTo("hook-key");
    }

    /** Why the README's encryptor names an IV generator: Jasypt 1.9.3 defaults to none, and AES then cannot decrypt. */
    @Test
    void theStrongAlgorithmWithoutTheIvGeneratorCannotDecryptAndTheProviderSaysWhichProperty() {
        XeroConfiguration configuration = configuration(Map.of("client_id", "app", "client_secret", "ENC(" + CLI_AES_256_OUTPUT + ")"));

        XeroProvider provider = new XeroProvider(
                XeroSettings.of(configuration, new ConfiguredSecrets(XeroConfiguration.PID, XeroConfiguration.DECRYPTOR_TARGET, JasyptDecryptor.of(readmeEncryptor("pw", false)))), CLOCK);

        assertThat(provider.configurationProblems()).extracting(SyncError::message).singleElement().asString()
                .startsWith("client.secret in io.fieldsync.accounting.xero is encrypted (ENC(...)) but the registered Jasypt "
                        + "StringEncryptor cannot decrypt it").doesNotContain(CLI_AES_256_OUTPUT);
    }

    /**
     * The encryptor of the README's deploy/accounting-encryptor.xml, bean for bean: EnvironmentStringPBEConfig with the
     * algorithm, the IV generator and the password from a system property, handed to StandardPBEStringEncryptor.
     */
    private static StandardPBEStringEncryptor readmeEncryptor(String password, boolean randomIv) {
        String property = "accounting.test.encryption.password";
        System.setProperty(property, password);
        try {
            org.jasypt.encryption.pbe.config.EnvironmentStringPBEConfig config = new org.jasypt.encryption.pbe.config.EnvironmentStringPBEConfig();
            config.setAlgorithm("PBEWITHHMACSHA512ANDAES_256");
            if (randomIv) {
                config.setIvGeneratorClassName("org.jasypt.iv.RandomIvGenerator");
            }
            config.setPasswordSysPropertyName(property);
            StandardPBEStringEncryptor encryptor = new StandardPBEStringEncryptor();
            encryptor.setConfig(config);
            return encryptor;
        } finally {
            System.clearProperty(property);
        }
    }

    private static StandardPBEStringEncryptor encryptor(String password) {
        StandardPBEStringEncryptor encryptor = new StandardPBEStringEncryptor();
        encryptor.setPassword(password);
        return encryptor;
    }
}
