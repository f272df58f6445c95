package io.attune.adapters.console.web;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Synchronizer tokens against cross-site request forgery: a console session has a random id (in an HttpOnly cookie),
 * and its token is an HMAC of that id under a server key, sent back by every state change in a form field
 * ({@value #FIELD}; a multipart form, a file upload, names it in the query of its action) or, from htmx, a header
 * ({@value #HEADER}). A page of another site can neither read the token nor make one: it would need the session id
 * and the key. The key is derived from the token signing secret, so every instance that accepts a session's access
 * token accepts its forms too.
 *
 * <p>The login form, sent before there is a session, carries a token of its own (a signed double submit): a random
 * value in an HttpOnly, SameSite=Strict cookie ({@value #LOGIN_COOKIE}) and its HMAC in the form's field. Another site
 * can neither read nor set that cookie, so it cannot sign a browser in to an account of its choosing.
 */
@Singleton
public final class Csrf {

    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    public static final String LOGIN_COOKIE = "attune_login";
    /** Kept apart from session ids (which have no NUL), so a login token is never a session's token. */
    private static final String LOGIN_DOMAIN = "login\0";

    private final byte[] key;

    Csrf(@Value("${attune.auth.jwt-secret:}") String signingSecret) {
        byte[] seed = signingSecret.isEmpty() ? new SecureRandom().generateSeed(32)
                : signingSecret.getBytes(StandardCharsets.UTF_8);
        this.key = sha256("attune console csrf\0".getBytes(StandardCharsets.UTF_8), seed);
    }

    /** The token of the session with this id. */
    public String token(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Whether {@code presented} is the token of the session {@code sessionId} (compared in constant time). */
    public boolean matches(String sessionId, String presented) {
        if (sessionId == null || sessionId.isEmpty() || presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(token(sessionId).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token of the login form for the pre-session value {@code nonce} (from the {@value #LOGIN_COOKIE} cookie). */
    public String loginToken(String nonce) {
        return token(LOGIN_DOMAIN + nonce);
    }

    /** Whether {@code presented} is the login form's token for the browser's pre-session value (constant time). */
    public boolean matchesLogin(String nonce, String presented) {
        return nonce != null && !nonce.isEmpty() && matches(LOGIN_DOMAIN + nonce, presented);
    }

    private static byte[] sha256(byte[] a, byte[] b) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(a);
            return digest.digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
