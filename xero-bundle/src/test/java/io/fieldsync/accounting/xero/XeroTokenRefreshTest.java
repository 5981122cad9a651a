package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.spi.TokenSet;
import io.fieldsync.accounting.api.spi.testing.TestSession;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.xero.DemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.XeroSandbox;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

/**
 * What a refresh that does not succeed means for the connection, reply class by reply class: only a refused grant or
 * client (RFC 6749 §5.2 invalid_grant, invalid_client) ends it; an outage, a 429, any other 4xx, a lost answer or a
 * timeout is passing, and the same refresh token works once Xero identity answers again.
 */
class XeroTokenRefreshTest {

    private final SandboxClock clock = SandboxClock.startingAt(Instant.parse("2026-11-02T09:00:00Z"));
    private XeroSandbox sandbox;
    private XeroProvider provider;
    private TestSession session;

    @BeforeEach
    void connect() {
        sandbox = new XeroSandbox(XeroSandboxConfig.defaults().withClient("fs-client", "fs-secret"), clock).start(0);
        Organisation demo = DemoOrganisation.create(sandbox);
        provider = provider("fs-secret", sandbox.identityUrl(), Duration.ofSeconds(5));
        var issued = sandbox.connect(demo);
        session = new TestSession(provider, new TokenSet(issued.accessToken(), issued.refreshToken(), clock.instant().plusSeconds(1800),
                null), demo.tenantId().toString(), Mappings.empty());
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void anOutageOfXeroIdentityIsPassingAndTheSameRefreshTokenWorksOnceItIsBack() {
        sandbox.failTokenEndpoint(1, 503);
        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).satisfies(passing("503"));
        sandbox.failTokenEndpoint(1, 500);
        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).satisfies(passing("500"));

        TokenSet fresh = provider.authorization().refresh(session.tokens);

        assertThat(fresh.refreshToken()).isNotEqualTo(session.tokens.refreshToken());
    }

    @Test
    void aThrottledRefreshIsRateLimitedForTheWaitXeroAsksFor() {
        sandbox.throttleTokenEndpoint(1, Duration.ofSeconds(7));

        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).isInstanceOfSatisfying(RateLimitedException.class, limited -> {
            assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(limited.limit()).isNotNull();
        });
        assertThat(provider.authorization().refresh(session.tokens).accessToken()).isNotBlank();
    }

    /**
     * Two answers are dropped: the refresh's own and that of the resend the JDK's HTTP client (Jersey's default
     * connector) makes by itself when a POST's connection closes before any answer ({@code sun.net.http.retryPost},
     * true by default). Within Xero's grace that resend would already succeed with the spent token.
     */
    @Test
    void aRefreshWhoseAnswerWasLostIsPassingAndRetryingTheSpentTokenWithinXerosGraceRecoversTheConnection() {
        sandbox.dropTokenAnswers(2);
        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).satisfies(passing(null));

        clock.advance(Duration.ofMinutes(10));
        TokenSet recovered = provider.authorization().refresh(session.tokens);

        clock.advance(Duration.ofHours(2));
        assertThat(provider.authorization().refresh(recovered).accessToken()).as("the recovered token is the live one").isNotBlank();
    }

    @Test
    void aSpentRefreshTokenRetriedAfterXerosThirtyMinuteGraceIsTheEndOfTheConnection() {
        sandbox.dropTokenAnswers(2);
        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).satisfies(passing(null));

        clock.advance(Duration.ofMinutes(31));

        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).satisfies(expired("invalid_grant"));
    }

    @Test
    void aRefusedClientIsTheEndOfTheConnectionToo() {
        XeroProvider wrongSecret = provider("not-the-secret", sandbox.identityUrl(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> wrongSecret.authorization().refresh(session.tokens)).satisfies(expired("invalid_client"));
    }

    @Test
    void anExpiredAccessTokenWhileXeroIdentityIsDownFailsTheCallAsPassingNotAsExpired() {
        clock.advance(Duration.ofMinutes(31));
        sandbox.failTokenEndpoint(1, 503);

        assertThatThrownBy(() -> provider.ledger().referenceData(session)).satisfies(passing("503"));
        assertThat(provider.ledger().referenceData(session).organisationName()).isEqualTo(DemoOrganisation.NAME);
    }

    @Test
    void anotherClientErrorSaysNothingAboutTheGrantAndIsPassing() throws IOException {
        List<String> answers = new CopyOnWriteArrayList<>(List.of("400 {\"error\":\"invalid_request\"}", "401 ", "404 <html>Not Found</html>",
                "200 {\"access_token\":\"only-half\"}"));
        HttpServer identity = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        identity.createContext("/connect/token", exchange -> {
            String[] answer = answers.remove(0).split(" ", 2);
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer[1].startsWith("{") ? "application/json" : "text/html");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        identity.start();
        try {
            XeroProvider stubbed = provider("fs-secret", "http://127.0.0.1:" + identity.getAddress().getPort(), Duration.ofSeconds(5));

            assertThatThrownBy(() -> stubbed.authorization().refresh(session.tokens)).satisfies(passing("invalid_request"));
            assertThatThrownBy(() -> stubbed.authorization().refresh(session.tokens)).satisfies(passing("401"));
            assertThatThrownBy(() -> stubbed.authorization().refresh(session.tokens)).satisfies(passing("404"));
            assertThatThrownBy(() -> stubbed.authorization().refresh(session.tokens)).as("an answer without the tokens").satisfies(passing("200"));
        } finally {
            identity.stop(0);
        }
    }

    @Test
    void anUnreachableOrSilentXeroIdentityIsPassing() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        assertThatThrownBy(() -> provider("fs-secret", "http://127.0.0.1:" + closedPort, Duration.ofSeconds(5)).authorization().refresh(session.tokens))
                .satisfies(passing(null));

        try (ServerSocket silent = new ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket accepted = silent.accept()) {
                    accepted.getInputStream().readAllBytes();
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            XeroProvider impatient = provider("fs-secret", "http://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300));
            assertThatThrownBy(() -> impatient.authorization().refresh(session.tokens)).as("a read timeout").satisfies(passing(null));
            acceptor.interrupt();
        }
    }

    private XeroProvider provider(String secret, String identityUrl, Duration readTimeout) {
        return new XeroProvider(new XeroSettings("fs-client", secret, "http://localhost/callback", "webhook-key",
                XeroConfiguration.GRANULAR_SCOPES, sandbox.authorizeUrl(), identityUrl, sandbox.apiRootUrl(), Duration.ofSeconds(2),
                readTimeout), clock);
    }

    private static java.util.function.Consumer<Throwable> passing(String detail) {
        return thrown -> {
            assertThat(thrown).isInstanceOf(AccountingException.class).isNotInstanceOf(RateLimitedException.class);
            assertThat(((AccountingException) thrown).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
            if (detail != null) {
                assertThat(((AccountingException) thrown).error().detail()).contains(detail);
            }
        };
    }

    private static java.util.function.Consumer<Throwable> expired(String why) {
        return thrown -> {
            assertThat(thrown).isInstanceOf(AccountingException.class);
            assertThat(((AccountingException) thrown).code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED);
            assertThat(((AccountingException) thrown).error().detail()).contains(why);
        };
    }
}
