package io.fieldsync.accounting.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ops4j.pax.exam.CoreOptions.maven;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Dictionary;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.admin.AuthorizationStart;

import org.jasypt.encryption.pbe.StandardPBEStringEncryptor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The Xero client secret kept as a Jasypt ENC(...) value in its PID, with Karaf's jasypt-encryption feature installed
 * and the operator's encryptor registered under alias=accounting by the Blueprint file the README gives (dropped in
 * deploy/, its password read by EnvironmentStringPBEConfig; here from a system property, as Pax Exam cannot set the
 * Karaf process's environment): until the encryptor is there the provider refuses connecting and
 * accounting:providers says why; once it is, a company connects through the sandbox's consent, whose token endpoint
 * accepts only the real secret.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EncryptedSecretsIT extends AccountingTestSupport {

    private static final CompanyId COMPANY = CompanyId.of("harbour-plumbing");
    private static final String XERO_PID = "io.fieldsync.accounting.xero";
    /** The secret the sandbox expects (KarafOptions.xeroSandboxOn). */
    private static final String SANDBOX_SECRET = "fieldsync-demo-secret";
    private static final String OPERATOR_PASSWORD = "itest-operator-password";
    private static final String PASSWORD_PROPERTY = "accounting.encryption.password";

    /**
     * The README's deploy/accounting-encryptor.xml (AES-256 with a random IV, what Jasypt 1.9.3_1 in Karaf 4.4.10's
     * jasypt-encryption feature offers), the password from a system property instead of the environment. The IV generator
     * is a bean, not {@code ivGeneratorClassName}: Jasypt loads that class through the thread's context class loader,
     * which in Blueprint is not Jasypt's bundle, so the encryptor was never registered (this test timed out with it).
     */
    private static final String ENCRYPTOR_BLUEPRINT = """
            <blueprint xmlns="http://www.osgi.org/xmlns/blueprint/v1.0.0">
              <bean id="config" class="org.jasypt.encryption.pbe.config.EnvironmentStringPBEConfig">
                <property name="algorithm" value="PBEWITHHMACSHA512ANDAES_256"/>
                <property name="ivGenerator"><bean class="org.jasypt.iv.RandomIvGenerator"/></property>
                <property name="passwordSysPropertyName" value="%s"/>
              </bean>
              <bean id="encryptor" class="org.jasypt.encryption.pbe.StandardPBEStringEncryptor">
                <property name="config" ref="config"/>
              </bean>
              <service ref="encryptor" interface="org.jasypt.encryption.StringEncryptor">
                <service-properties>
                  <entry key="alias" value="accounting"/>
                </service-properties>
              </service>
            </blueprint>
            """.formatted(PASSWORD_PROPERTY);

    @Configuration
    public Option[] configuration() {
        String port = KarafOptions.freePort();
        Option jasypt = KarafDistributionOption.features(maven().groupId("org.apache.karaf.features").artifactId("standard")
                .version(System.getProperty("itest.karaf.version")).classifier("features").type("xml"), "aries-blueprint", "jasypt-encryption");
        return KarafOptions.join(KarafOptions.freshKaraf("accounting", "accounting-demo"), KarafOptions.xeroSandboxOn(port),
                new Option[] {jasypt, KarafDistributionOption.editConfigurationFilePut("etc/system.properties", PASSWORD_PROPERTY,
                        OPERATOR_PASSWORD)});
    }

    @Test
    public void anEncryptedClientSecretIsDecryptedByTheOperatorsEncryptorAndTheCompanyConnects() throws Exception {
        useProviderThroughConfigAdmin("xero");
        awaitProvider("xero", true);
        awaitActiveProvider(COMPANY, "xero");
        StandardPBEStringEncryptor encryptor = new StandardPBEStringEncryptor();
        encryptor.setAlgorithm("PBEWITHHMACSHA512ANDAES_256");
        encryptor.setIvGenerator(new org.jasypt.iv.RandomIvGenerator());
        encryptor.setPassword(OPERATOR_PASSWORD);
        String encrypted = "ENC(" + encryptor.encrypt(SANDBOX_SECRET) + ")";

        org.osgi.service.cm.Configuration xero = service(ConfigurationAdmin.class).getConfiguration(XERO_PID, "?");
        Dictionary<String, Object> properties = xero.getProperties();
        properties.put("client.secret", encrypted);
        xero.update(properties);

        await("accounting:providers to say the secret cannot be decrypted",
                () -> executeCommand("accounting:providers").contains("Configuration error (Xero): client.secret in " + XERO_PID
                        + " is encrypted (ENC(...)) but no Jasypt StringEncryptor"));
        assertThat(executeCommand("accounting:health")).contains("configuration xero").contains("CRITICAL").contains("client.secret");
        assertThatThrownBy(() -> connections().beginAuthorization(COMPANY))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("client.secret");

        Files.writeString(Path.of(System.getProperty("karaf.home"), "deploy", "accounting-encryptor.xml"), ENCRYPTOR_BLUEPRINT,
                StandardCharsets.UTF_8);

        await("the provider to be re-created with the decrypted secret",
                () -> !executeCommand("accounting:providers").contains("Configuration error (Xero)"));
        assertThat(executeCommand("accounting:health")).doesNotContain("configuration xero");
        AuthorizationStart start = connections().beginAuthorization(COMPANY);
        HttpResponse<String> landing = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(start.authorizationUrl()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(connections().status(COMPANY).state()).as("connection after the consent page (%s %s: %s)", landing.statusCode(),
                landing.uri(), landing.body()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(service(ConfigurationAdmin.class).getConfiguration(XERO_PID, "?").getProperties().get("client.secret"))
                .as("the PID keeps the encrypted value").isEqualTo(encrypted);
    }
}
