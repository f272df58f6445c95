package io.attune.adapters.console.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginControllerTest {

    @Test
    void afterSignInOnlyAPathOfThisServerIsFollowed() {
        assertThat(LoginController.safeNext("/executions?status=failed")).isEqualTo("/executions?status=failed");
        assertThat(LoginController.safeNext(null)).isEqualTo("/");
        assertThat(LoginController.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(LoginController.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(LoginController.safeNext("/\\evil.example/")).isEqualTo("/");
        assertThat(LoginController.safeNext("/x\r\nSet-Cookie: a=b")).isEqualTo("/");
    }
}
