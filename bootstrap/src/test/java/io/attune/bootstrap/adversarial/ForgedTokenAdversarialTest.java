package io.attune.bootstrap.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Access tokens signed with the server's real secret, but saying what Attune never issues: no expiry, not valid yet,
 * another issuer, a subject that is no (current) user, or a role the user does not have. Each is refused with 401.
 */
@Tag("adversarial")
class ForgedTokenAdversarialTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static Api admin;
    private static Api anonymous;

    @BeforeAll
    static void start() {
        admin = new Api(TestApplication.shared().url());
        anonymous = admin.anonymous();
    }

    private static Map<String, Object> claims(String subject, String role) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "attune");
        claims.put("sub", subject);
        claims.put("roles", List.of(role));
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + 600);
        return claims;
    }

    /** A token signed (HS256) with the secret the server signs its own tokens with. */
    private static String sign(Map<String, Object> claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(Api.json(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(TestApplication.JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return header + "." + payload + "." + b64.encodeToString(
                    mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(Map<String, Object> claims) {
        Api.Response response = anonymous.withToken(sign(claims)).get("/api/v1/auth/me");
        assertThat(response.status()).as(claims + " → " + response.body()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTokenAsAttuneIssuesItIsAccepted() {
        Api.Response me = anonymous.withToken(sign(claims("admin", "admin"))).get("/api/v1/auth/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("name").asText()).isEqualTo("admin");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        Map<String, Object> claims = claims("admin", "admin");
        claims.remove("exp");
        assertRefused(claims);
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        Map<String, Object> claims = claims("admin", "admin");
        claims.put("nbf", Instant.now().getEpochSecond() + 600);
        assertRefused(claims);
    }

    @Test
    void aTokenOfAnotherIssuerOrOfNoneIsRefused() {
        Map<String, Object> other = claims("admin", "admin");
        other.put("iss", "someone-else");
        assertRefused(other);
        Map<String, Object> none = claims("admin", "admin");
        none.remove("iss");
        assertRefused(none);
    }

    @Test
    void aTokenWhoseSubjectIsNoUserIsRefused() {
        assertRefused(claims("ghost-" + SUFFIX, "admin"));
        // an execution's subject is accepted only while that execution runs, and only with the operator role
        assertRefused(claims("execution:" + Long.MAX_VALUE, "operator"));
        assertRefused(claims("execution:0", "operator"));
        assertRefused(claims("execution:1", "admin"));
        assertRefused(claims("execution:x", "operator"));
        Map<String, Object> noSubject = claims("admin", "admin");
        noSubject.remove("sub");
        assertRefused(noSubject);
    }

    @Test
    void aTokenOfADeletedUserStopsWorkingAtOnce() {
        String name = "gone-" + SUFFIX;
        assertThat(admin.post("/api/v1/users", Api.json(Map.of("username", name, "password", "e2e-user-password",
                "role", "viewer"))).status()).isEqualTo(201);
        Api user = admin.as(name, "e2e-user-password");
        assertThat(user.get("/api/v1/auth/me").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/users/" + name).status()).isEqualTo(204);

        Api.Response after = user.get("/api/v1/auth/me");
        assertThat(after.status()).as(after.body()).isEqualTo(401);
    }

    @Test
    void aTokenClaimingARoleTheUserDoesNotHaveIsRefused() {
        String name = "low-" + SUFFIX;
        assertThat(admin.post("/api/v1/users", Api.json(Map.of("username", name, "password", "e2e-user-password",
                "role", "viewer"))).status()).isEqualTo(201);
        assertRefused(claims(name, "admin"));
        assertThat(anonymous.withToken(sign(claims(name, "viewer"))).get("/api/v1/auth/me").status()).isEqualTo(200);
    }
}
