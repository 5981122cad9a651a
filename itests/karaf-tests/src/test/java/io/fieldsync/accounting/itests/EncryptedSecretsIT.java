package io.fieldsync.accounting.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ops4j.pax.exam.CoreOptions.maven;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Dictionary;
import java.util.Hashtable;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.admin.AuthorizationStart;

import org.jasypt.encryption.StringEncryptor;
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
 * and the operator's encryptor registered under alias=accounting: until the encryptor is there the provider refuses
 * connecting and accounting:providers says why; once it is, a company connects through the sandbox's consent, whose
 * token endpoint accepts only the real secret.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EncryptedSecretsIT extends AccountingTestSupport {

    private static final CompanyId COMPANY = CompanyId.of("harbour-plumbing");
    private static final String XERO_PID = "io.fieldsync.accounting.xero";
    /** The secret the sandbox expects (KarafOptions.xeroSandboxOn). */
    private static final String SANDBOX_SECRET = "fieldsync-demo-secret";
    private static final String OPERATOR_PASSWORD = "itest-operator-password";

    @Configuration
    public Option[] configuration() {
        String port = KarafOptions.freePort();
        Option jasypt = KarafDistributionOption.features(maven().groupId("org.apache.karaf.features").artifactId("standard")
                .version(System.getProperty("itest.karaf.version")).classifier("features").type("xml"), "jasypt-encryption");
        return KarafOptions.join(KarafOptions.freshKaraf("accounting", "accounting-demo"), KarafOptions.xeroSandboxOn(port),
                new Option[] {jasypt});
    }

    @Test
    public void anEncryptedClientSecretIsDecryptedByTheOperatorsEncryptorAndTheCompanyConnects() throws Exception {
        useProviderThroughConfigAdmin("xero");
        awaitProvider("xero", true);
        awaitActiveProvider(COMPANY, "xero");
        StandardPBEStringEncryptor encryptor = new StandardPBEStringEncryptor();
        encryptor.setPassword(OPERATOR_PASSWORD);
        String encrypted = "ENC(" + encryptor.encrypt(SANDBOX_SECRET) + ")";

        org.osgi.service.cm.Configuration xero = service(ConfigurationAdmin.class).getConfiguration(XERO_PID, "?");
        Dictionary<String, Object> properties = xero.getProperties();
        properties.put("client.secret", encrypted);
        xero.update(properties);

        await("accounting:providers to say the secret cannot be decrypted",
                () -> executeCommand("accounting:providers").contains("Configuration error (Xero): client.secret in " + XERO_PID
                        + " is encrypted (ENC(...)) but no Jasypt StringEncryptor"));
        assertThatThrownBy(() -> connections().beginAuthorization(COMPANY))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("client.secret");

        Dictionary<String, Object> alias = new Hashtable<>();
        alias.put("alias", "accounting");
        bundleContext.registerService(StringEncryptor.class, encryptor, alias);

        await("the provider to be re-created with the decrypted secret",
                () -> !executeCommand("accounting:providers").contains("Configuration error (Xero)"));
        AuthorizationStart start = connections().beginAuthorization(COMPANY);
        HttpResponse<String> landing = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(start.authorizationUrl()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(connections().status(COMPANY).state()).as("connection after the consent page (%s %s: %s)", landing.statusCode(),
                landing.uri(), landing.body()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(service(ConfigurationAdmin.class).getConfiguration(XERO_PID, "?").getProperties().get("client.secret"))
                .as("the PID keeps the encrypted value").isEqualTo(encrypted);
    }
}
