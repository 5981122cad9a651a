package io.fieldsync.accounting.quickbooks;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.RateLimit;
import io.fieldsync.accounting.api.spi.RateLimitedException;

/**
 * What Intuit's token endpoint answered, and what a refusal means for the connection.
 *
 * <p>Only the two OAuth errors that speak about the grant or the app end a connection (RFC 6749 §5.2):
 * {@code invalid_grant} (the refresh token expired, was revoked or superseded; Intuit answers
 * {@code 400 {"error":"invalid_grant"}}, as captured in intuit/oauth-jsclient issue 128) and {@code invalid_client}
 * (the app's id or secret is refused; RFC 6749 allows 401 for it). Intuit's own Java SDK does not tell the cases apart:
 * {@code OAuth2PlatformClient.refreshToken} throws an {@code OAuthException} with the status and body for any non-200
 * and leaves the decision to the caller (QuickBooks-V3-Java-SDK @79b5a3c). Anything else says nothing about the grant and
 * is passing: 5xx and gateway pages, 429, other 4xx, an answer without tokens.
 *
 * @param status the HTTP status
 * @param body the answer's text (never logged: a 200 carries tokens)
 * @param retryAfter the Retry-After header, or null
 * @param intuitTid Intuit's transaction id, what its support asks for, or null
 */
record QboTokenReply(int status, String body, String retryAfter, String intuitTid) {

    private static final String TOKEN_SERVICE = "Intuit's token service";

    /** The OAuth {@code error} of a refusal, if the body is an OAuth error document. */
    Optional<String> oauthError() {
        return field("error");
    }

    /** Why a non-200 answer (or a 200 without tokens) was not tokens, typed for the engine. */
    AccountingException refusal() {
        Optional<String> error = oauthError();
        String tid = intuitTid == null || intuitTid.isBlank() ? "" : " [intuit_tid " + intuitTid.strip() + "]";
        if (error.filter(code -> code.equals("invalid_grant") || code.equals("invalid_client")).isPresent()) {
            String why = error.get().equals("invalid_client")
                    ? ": Intuit refused the app's client id or secret (check client.id and client.secret of io.fieldsync.accounting.quickbooks)"
                    : field("error_description").map(description -> ": " + description).orElse("");
            return new AccountingException(SyncError.of(ErrorCode.CONNECTION_EXPIRED, "QuickBooks Online")
                    .withDetail(status + " " + error.get() + why + tid));
        }
        if (status == 429) {
            // like the API's throttle, a 429 without Retry-After is waited out for the minute (api-facts §5)
            return new RateLimitedException(RateLimit.MINUTE, seconds(retryAfter).orElse(QuickBooksHttp.THROTTLE_BACKOFF));
        }
        String said = error.map(code -> status + " " + code)
                .orElse(status == 200 ? "200 without an access and a refresh token" : status + " without an OAuth error");
        return new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, TOKEN_SERVICE).withDetail(said + tid));
    }

    /** The token service could not be reached, or its answer never arrived. */
    static AccountingException unreachable(RuntimeException transport) {
        return new AccountingException(SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, TOKEN_SERVICE).withDetail(transport.getMessage()),
                transport);
    }

    private Optional<String> field(String name) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = QuickBooksApi.JSON.readTree(body).path(name);
            return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().strip()) : Optional.empty();
        } catch (IOException notJson) {
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
