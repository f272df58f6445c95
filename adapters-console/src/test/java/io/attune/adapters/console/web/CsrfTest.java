package io.attune.adapters.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfTest {

    private final Csrf csrf = new Csrf("a-signing-secret-of-at-least-32-characters");

    @Test
    void aTokenIsGoodForItsSessionOnly() {
        String token = csrf.token("session-a");

        assertThat(csrf.matches("session-a", token)).isTrue();
        assertThat(csrf.matches("session-b", token)).isFalse();
        assertThat(csrf.matches("session-a", token + "x")).isFalse();
        assertThat(csrf.matches("session-a", null)).isFalse();
        assertThat(csrf.matches("session-a", "")).isFalse();
        assertThat(csrf.matches(null, token)).isFalse();
    }

    @Test
    void aLoginTokenIsGoodForItsPreSessionValueOnlyAndNeverAsASessionsToken() {
        String token = csrf.loginToken("nonce-a");

        assertThat(csrf.matchesLogin("nonce-a", token)).isTrue();
        assertThat(csrf.matchesLogin("nonce-b", token)).isFalse();
        assertThat(csrf.matchesLogin(null, token)).isFalse();
        assertThat(csrf.matchesLogin("", csrf.loginToken(""))).isFalse();
        assertThat(csrf.matchesLogin("nonce-a", null)).isFalse();
        assertThat(csrf.matches("nonce-a", token)).as("not a session's token").isFalse();
        assertThat(csrf.matchesLogin("session-a", csrf.token("session-a"))).isFalse();
    }

    @Test
    void instancesWithTheSameSigningSecretAgreeAndOthersDoNot() {
        assertThat(new Csrf("a-signing-secret-of-at-least-32-characters").matches("s", csrf.token("s"))).isTrue();
        assertThat(new Csrf("another-signing-secret-of-32-characters!").matches("s", csrf.token("s"))).isFalse();
    }
}
