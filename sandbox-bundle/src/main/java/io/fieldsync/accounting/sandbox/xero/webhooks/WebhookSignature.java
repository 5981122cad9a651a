package io.fieldsync.accounting.sandbox.xero.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * {@code x-xero-signature}: Base64(HMAC-SHA256(key = the app's webhook signing key, message = the raw request body
 * bytes)) (developer.xero.com/documentation/webhooks/configuring-your-server; reference/api-facts.md §7.1).
 */
public final class WebhookSignature {

    public static final String HEADER = "x-xero-signature";

    private WebhookSignature() {
    }

    public static String sign(String signingKey, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
