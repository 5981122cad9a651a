package io.fieldsync.accounting.sandbox.xero.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signs the sandbox's JWTs. Xero's access tokens are JWTs whose claims clients read (e.g.
 * {@code authentication_event_id} for {@code GET /connections?authEventId=}); the sandbox signs with HS256 and a
 * per-instance random key because nobody outside may verify them anyway.
 */
final class Jwt {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key = new byte[32];

    Jwt(SecureRandom random) {
        random.nextBytes(key);
    }

    String sign(ObjectNode claims) {
        ObjectNode header = SandboxJson.object();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        String signingInput = B64.encodeToString(SandboxJson.bytes(header)) + "." + B64.encodeToString(SandboxJson.bytes(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
