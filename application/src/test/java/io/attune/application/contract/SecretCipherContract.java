package io.attune.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.SecretCipher.Unreadable;
import org.junit.jupiter.api.Test;

/**
 * What every SecretCipher must do: give back exactly what it sealed, never the same sealed text twice, and refuse
 * (never garble) a value sealed with another key, altered, or not sealed at all, without the value in the message.
 */
public abstract class SecretCipherContract {

    private static final String SECRET = "correct horse battery staple ✓";

    /** A cipher over one encryption key. */
    protected abstract SecretCipher cipher();

    /** A cipher over another encryption key. */
    protected abstract SecretCipher otherCipher();

    @Test
    void opensWhatItSealed() {
        assertThat(cipher().open(cipher().seal(SECRET))).isEqualTo(SECRET);
        assertThat(cipher().open(cipher().seal(""))).isEmpty();
    }

    @Test
    void sealsEqualValuesDifferentlyAndNeverInClear() {
        String first = cipher().seal(SECRET);
        String second = cipher().seal(SECRET);

        assertThat(first).isNotEqualTo(second).doesNotContain("horse");
        assertThat(cipher().isSealed(first)).isTrue();
        assertThat(first).startsWith("v1:" + cipher().keyId() + ":");
    }

    @Test
    void tellsSealedValuesFromOthers() {
        assertThat(cipher().isSealed(SECRET)).isFalse();
        assertThat(cipher().isSealed("v1:")).isFalse();
        assertThat(cipher().isSealed(null)).isFalse();
    }

    @Test
    void refusesAValueSealedWithAnotherKeyNamingBothKeyIds() {
        String sealed = otherCipher().seal(SECRET);

        assertThat(otherCipher().keyId()).isNotEqualTo(cipher().keyId());
        assertThatThrownBy(() -> cipher().open(sealed))
                .isInstanceOfSatisfying(Unreadable.class, e -> assertThat(e.reason()).isEqualTo(Unreadable.Reason.OTHER_KEY))
                .hasMessageContaining("another encryption key")
                .hasMessageContaining(otherCipher().keyId())
                .hasMessageContaining(cipher().keyId())
                .hasMessageNotContaining("horse");
    }

    @Test
    void refusesAnAlteredValue() {
        String sealed = cipher().seal(SECRET);
        int inside = ("v1:" + cipher().keyId() + ":").length() + 20; // a character of the ciphertext, not of padding
        char flipped = sealed.charAt(inside) == 'A' ? 'B' : 'A';
        String altered = sealed.substring(0, inside) + flipped + sealed.substring(inside + 1);

        assertThatThrownBy(() -> cipher().open(altered))
                .isInstanceOfSatisfying(Unreadable.class, e -> assertThat(e.reason()).isEqualTo(Unreadable.Reason.TAMPERED))
                .hasMessageNotContaining("horse");
    }

    @Test
    void refusesATruncatedValue() {
        String sealed = cipher().seal(SECRET);
        String truncated = "v1:" + cipher().keyId() + ":AAAA";

        assertThatThrownBy(() -> cipher().open(truncated)).isInstanceOf(Unreadable.class);
        assertThatThrownBy(() -> cipher().open(sealed.substring(0, sealed.length() - 8))).isInstanceOf(Unreadable.class);
    }

    @Test
    void refusesAValueThatIsNotSealed() {
        assertThatThrownBy(() -> cipher().open(SECRET))
                .isInstanceOfSatisfying(Unreadable.class, e -> assertThat(e.reason()).isEqualTo(Unreadable.Reason.MALFORMED))
                .hasMessageContaining("not in the encrypted format")
                .hasMessageNotContaining("horse");
        assertThatThrownBy(() -> cipher().open("v9:0011aabb:AAAA"))
                .isInstanceOfSatisfying(Unreadable.class, e -> assertThat(e.reason()).isEqualTo(Unreadable.Reason.MALFORMED))
                .hasMessageContaining("v9");
    }

    @Test
    void digestsEqualValuesEquallyWithoutShowingThem() {
        assertThat(cipher().digest(SECRET)).isEqualTo(cipher().digest(SECRET))
                .isNotEqualTo(cipher().digest("other")).doesNotContain("horse");
        assertThat(otherCipher().digest(SECRET)).isNotEqualTo(cipher().digest(SECRET));
    }
}
