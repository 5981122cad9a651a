package io.fieldsync.accounting.xero.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The identity server's token response (RFC 6749 field names). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenResponse(@JsonProperty("access_token") String accessToken,
                            @JsonProperty("refresh_token") String refreshToken,
                            @JsonProperty("expires_in") Long expiresIn,
                            @JsonProperty("token_type") String tokenType,
                            @JsonProperty("error") String error,
                            @JsonProperty("error_description") String errorDescription) {
}
