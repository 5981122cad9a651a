package io.fieldsync.accounting.sandbox.qbo.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * {@code intuit-signature}: Base64(HMAC-SHA256(key = the app's webhook verifier token, message = the raw body)), the
 * same for the legacy and the CloudEvents format (reference/api-facts.md §7.2).
 */
public final class IntuitSignature {

    public static final String HEADER = "intuit-signature";

    private IntuitSignature() {
    }

    public static String sign(String verifierToken, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(verifierToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
