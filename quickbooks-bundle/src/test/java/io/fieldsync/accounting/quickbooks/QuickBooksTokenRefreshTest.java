package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.spi.TokenSet;

/**
 * What a refresh that does not succeed means for the connection, reply class by reply class: only a refused grant or
 * client (RFC 6749 §5.2 invalid_grant, invalid_client) ends it; an outage, a 429, any other 4xx, a lost answer or a
 * timeout is passing, and the same refresh token works once Intuit answers again.
 */
class QuickBooksTokenRefreshTest extends QboSandboxTestBase {

    @Test
    void anOutageOfIntuitsTokenServiceIsPassingAndTheSameRefreshTokenWorksOnceItIsBack() {
        sandbox.failTokenEndpoint(1, 503);
        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).satisfies(passing("503"));
        sandbox.failTokenEndpoint(1, 500);
        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).satisfies(passing("500"));

        TokenSet fresh = provider.authorization().refresh(session.tokens);

        assertThat(fresh.refreshToken()).isNotEqualTo(session.tokens.refreshToken());
    }

    @Test
    void aThrottledRefreshIsRateLimitedForTheWaitIntuitAsksFor() {
        sandbox.throttleTokenEndpoint(1, Duration.ofSeconds(9));

        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).isInstanceOfSatisfying(RateLimitedException.class, limited -> {
            assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(9));
            assertThat(limited.limit()).isNotNull();
        });
        assertThat(provider.authorization().refresh(session.tokens).accessToken()).isNotBlank();
    }

    /**
     * Two answers are dropped: the refresh's own and that of the resend the JDK's HTTP client (Jersey's default
     * connector) makes by itself when a POST's connection closes before any answer ({@code sun.net.http.retryPost}).
     */
    @Test
    void aRefreshWhoseAnswerWasLostIsPassingAndTheSpentTokenStillRefreshesWhileItsSuccessorIsUnused() {
        sandbox.dropTokenAnswers(2);
        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).satisfies(passing(null));

        TokenSet recovered = provider.authorization().refresh(session.tokens);

        assertThat(provider.authorization().refresh(recovered).accessToken()).isNotBlank();
        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).as("once the successor was used, the spent token is dead")
                .satisfies(expired("invalid_grant"));
    }

    @Test
    void aRevokedGrantAndARefusedClientAreTheEndOfTheConnection() {
        QuickBooksProvider wrongSecret = provider("not-the-secret", proxy.baseUrl() + "/oauth2/v1/tokens/bearer", Duration.ofSeconds(5));
        try {
            assertThatThrownBy(() -> wrongSecret.authorization().refresh(session.tokens)).satisfies(expired("invalid_client"));
        } finally {
            wrongSecret.deactivate();
        }
        sandbox.revokeAccess();
        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens)).satisfies(expired("invalid_grant"));
    }

    @Test
    void anExpiredAccessTokenWhileTheTokenServiceIsDownFailsTheCallAsPassingNotAsExpired() {
        sandbox.advanceClock(Duration.ofMinutes(61));
        sandbox.failTokenEndpoint(1, 503);

        assertThatThrownBy(() -> provider.ledger().referenceData(session)).satisfies(passing("503"));
        assertThat(provider.ledger().referenceData(session).organisationName()).isEqualTo(COMPANY);
    }

    @Test
    void anotherClientErrorSaysNothingAboutTheGrantAndIsPassing() throws IOException {
        List<String> answers = new CopyOnWriteArrayList<>(List.of("400 {\"error\":\"invalid_request\"}", "401 ",
                "404 <html>Not Found</html>", "200 {\"access_token\":\"only-half\"}"));
        HttpServer intuit = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        intuit.createContext("/oauth2/v1/tokens/bearer", exchange -> {
            String[] answer = answers.remove(0).split(" ", 2);
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer[1].startsWith("{") ? "application/json" : "text/html");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        intuit.start();
        QuickBooksProvider stubbed = provider("fs-secret", "http://127.0.0.1:" + intuit.getAddress().getPort() + "/oauth2/v1/tokens/bearer",
                Duration.ofSeconds(5));
        try {
            assertThatThrownBy(() -> stubbed.authorization().refresh(session.tokens)).satisfies(passing("invalid_request"));
            assertThatThrownBy(() -> stubbed.authorization().refresh(session.tokens)).satisfies(passing("401"));
            assertThatThrownBy(() -> stubbed.authorization().refresh(session.tokens)).satisfies(passing("404"));
            assertThatThrownBy(() -> stubbed.authorization().refresh(session.tokens)).as("an answer without the tokens").satisfies(passing("200"));
        } finally {
            stubbed.deactivate();
            intuit.stop(0);
        }
    }

    @Test
    void anUnreachableOrSilentTokenServiceIsPassing() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        QuickBooksProvider unreachable = provider("fs-secret", "http://127.0.0.1:" + closedPort + "/oauth2/v1/tokens/bearer", Duration.ofSeconds(5));
        try {
            assertThatThrownBy(() -> unreachable.authorization().refresh(session.tokens)).satisfies(passing(null));
        } finally {
            unreachable.deactivate();
        }
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
            QuickBooksProvider impatient = provider("fs-secret", "http://127.0.0.1:" + silent.getLocalPort() + "/oauth2/v1/tokens/bearer",
                    Duration.ofMillis(300));
            try {
                assertThatThrownBy(() -> impatient.authorization().refresh(session.tokens)).as("a read timeout").satisfies(passing(null));
            } finally {
                impatient.deactivate();
            }
        }
    }

    private QuickBooksProvider provider(String secret, String tokenUrl, Duration readTimeout) {
        String base = proxy.baseUrl();
        return new QuickBooksProvider(new QuickBooksSettings("fs-client", secret, REDIRECT, sandbox.verifierToken(),
                QuickBooksConfiguration.ACCOUNTING_SCOPE, base + "/connect/oauth2", tokenUrl, base + "/v2/oauth2/tokens/revoke", base, 75,
                Duration.ofSeconds(2), readTimeout), clock);
    }

    private static Consumer<Throwable> passing(String detail) {
        return thrown -> {
            assertThat(thrown).isInstanceOf(AccountingException.class).isNotInstanceOf(RateLimitedException.class);
            assertThat(((AccountingException) thrown).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
            if (detail != null) {
                assertThat(((AccountingException) thrown).error().detail()).contains(detail);
            }
        };
    }

    private static Consumer<Throwable> expired(String why) {
        return thrown -> {
            assertThat(thrown).isInstanceOf(AccountingException.class);
            assertThat(((AccountingException) thrown).code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED);
            assertThat(((AccountingException) thrown).error().detail()).contains(why);
        };
    }
}
