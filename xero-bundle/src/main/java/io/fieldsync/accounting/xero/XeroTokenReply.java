package io.fieldsync.accounting.xero;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitedException;

/**
 * What Xero identity's token endpoint answered, and what a refusal means for the connection.
 *
 * <p>Only the two OAuth errors that speak about the grant or the app end a connection (RFC 6749 §5.2):
 * {@code invalid_grant} (Xero: the refresh token is expired, revoked, or was rotated more than 30 minutes ago; X-FAQ-OAUTH
 * and Xero staff in community thread 127920775) and {@code invalid_client} (the app's id or secret is refused). Xero's
 * own Java sample refreshes through google-oauth-client, whose {@code TokenResponseException} carries exactly that
 * error field (XeroAPI/xero-java-oauth2-app, TokenRefresh.java). Anything else says nothing about the grant and is
 * passing: 5xx and gateway pages, 429 (waited out like the API's), other 4xx, an answer without tokens.
 *
 * @param status the HTTP status
 * @param body the answer's text (never logged: a 200 carries tokens)
 * @param retryAfter the Retry-After header, or null
 * @param limitProblem Xero's X-Rate-Limit-Problem header, or null
 */
record XeroTokenReply(int status, String body, String retryAfter, String limitProblem) {

    /** Waited when a 429 names no Retry-After: Xero's shortest window, the minute. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    private static final String IDENTITY = "Xero's identity service";

    /** The OAuth {@code error} of a refusal, if the body is an OAuth error document. */
    Optional<String> oauthError(ObjectMapper json) {
        return field(json, "error");
    }

    /** Why a non-200 answer (or a 200 without tokens) was not tokens, typed for the engine. */
    AccountingException refusal(ObjectMapper json) {
        Optional<String> error = oauthError(json);
        if (error.filter(code -> code.equals("invalid_grant") || code.equals("invalid_client")).isPresent()) {
            String why = error.get().equals("invalid_client")
                    ? ": Xero refused the app's client id or secret (check client.id and client.secret of io.fieldsync.accounting.xero)"
                    : field(json, "error_description").map(description -> ": " + description).orElse("");
            return new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero").withDetail(status + " " + error.get() + why));
        }
        if (status == 429) {
            return new RateLimitedException(limitProblem == null || limitProblem.isBlank() ? RateLimit.MINUTE : XeroLimitHeaders.problem(limitProblem),
                    seconds(retryAfter).orElse(DEFAULT_RETRY_AFTER));
        }
        String said = error.map(code -> status + " " + code)
                .orElse(status == 200 ? "200 without an access and a refresh token" : status + " without an OAuth error");
        return new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, IDENTITY).withDetail(said));
    }

    /** The identity service could not be reached, or its answer never arrived. */
    static AccountingException unreachable(RuntimeException transport) {
        return new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, IDENTITY).withDetail(transport.getMessage()), transport);
    }

    private Optional<String> field(ObjectMapper json, String name) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(body).path(name);
            return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip()) : Optional.empty();
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> seconds(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip()))));
        } catch (NumberFormatException httpDate) {
            return Optional.empty();
        }
    }
}
