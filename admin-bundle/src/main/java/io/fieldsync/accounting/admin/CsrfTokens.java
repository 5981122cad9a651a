package io.fieldsync.accounting.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.http.HttpSession;

/**
 * The CSRF token of an admin session (synchronizer token pattern): made once per session, handed out by
 * {@code GET /accounting/api/session}, and echoed by every state-changing call in {@value #HEADER}. A cross-site
 * form or script cannot read it, and a browser sends no custom header cross-site without a CORS preflight we never
 * grant. Basic credentials do not exempt a call: browsers replay cached Basic credentials as they replay cookies.
 */
final class CsrfTokens {

    static final String HEADER = "X-CSRF-Token";
    private static final String ATTRIBUTE = "io.fieldsync.accounting.admin.csrf";

    private final SecureRandom random = new SecureRandom();

    String tokenOf(HttpSession session) {
        synchronized (session) {
            Object token = session.getAttribute(ATTRIBUTE);
            if (token instanceof String existing) {
                return existing;
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(ATTRIBUTE, made);
            return made;
        }
    }

    /** True when the session has a token and the header carries it; compared in constant time. */
    boolean matches(HttpSession session, String header) {
        if (session == null || header == null) {
            return false;
        }
        Object token = session.getAttribute(ATTRIBUTE);
        return token instanceof String expected
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
    }
}
