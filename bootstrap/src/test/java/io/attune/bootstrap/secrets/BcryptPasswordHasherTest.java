package io.attune.bootstrap.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BcryptPasswordHasherTest {

    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);

    @Test
    void aHashIsSaltedBcryptAtTheGivenCostAndNeverThePassword() {
        String first = hasher.hash("correct horse");
        String second = hasher.hash("correct horse");

        assertThat(first).startsWith("$2a$04$").hasSize(60).doesNotContain("correct horse");
        assertThat(second).isNotEqualTo(first);
        assertThat(new BcryptPasswordHasher(10).hash("x")).startsWith("$2a$10$");
    }

    @Test
    void onlyTheRightPasswordMatches() {
        String hash = hasher.hash("correct horse");

        assertThat(hasher.verify("correct horse", hash)).isTrue();
        assertThat(hasher.verify("correct horse ", hash)).isFalse();
        assertThat(hasher.verify("Correct horse", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void aNonAsciiPasswordRoundTrips() {
        String hash = hasher.hash("pässwört-密码");

        assertThat(hasher.verify("pässwört-密码", hash)).isTrue();
        assertThat(hasher.verify("passwort-密码", hash)).isFalse();
    }

    @Test
    void aHashItCannotReadMatchesNothing() {
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "not a bcrypt hash")).isFalse();
        assertThat(hasher.verify("x", "$2a$04$short")).isFalse();
    }

    @Test
    void seventyTwoBytesAreHashedAndAreAllThatIsRead() {
        String ascii = "a".repeat(72);
        String cjk = "密".repeat(24);

        assertThat(hasher.verify(ascii, hasher.hash(ascii))).isTrue();
        assertThat(hasher.verify(cjk, hasher.hash(cjk))).isTrue();
        assertThat(hasher.verify("a".repeat(73), hasher.hash(ascii))).isFalse();
    }
}
