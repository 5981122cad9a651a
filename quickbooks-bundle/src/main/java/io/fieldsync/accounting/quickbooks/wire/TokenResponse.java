package io.fieldsync.accounting.quickbooks.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Intuit's token endpoint answer (OAuth 2.0 snake case), or its error. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("refresh_token") String refreshToken,
                            @JsonProperty("expires_in") Long expiresIn,
                            @JsonProperty("x_refresh_token_expires_in") Long refreshTokenExpiresIn,
                            @JsonProperty("x_refresh_token_hard_expires_in") Long refreshTokenHardExpiresIn,
                            @JsonProperty("error") String error) {
}
