package io.attune.bootstrap.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.contract.SecretCipherContract;
import io.attune.application.port.out.SecretCipher;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The AES-256-GCM cipher against the SecretCipher contract, plus what only the real cipher can show. */
class AesGcmSecretCipherTest extends SecretCipherContract {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) i;
            OTHER[i] = (byte) (100 + i);
        }
    }

    private final AesGcmSecretCipher cipher = new AesGcmSecretCipher(KEY);
    private final AesGcmSecretCipher other = new AesGcmSecretCipher(OTHER);

    @Override
    protected SecretCipher cipher() {
        return cipher;
    }

    @Override
    protected SecretCipher otherCipher() {
        return other;
    }

    @Test
    void aSealedValueHoldsATwelveByteNonceTheCiphertextAndASixteenByteTag() {
        String sealed = cipher.seal("12345");
        byte[] body = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));

        assertThat(body).hasSize(12 + 5 + 16);
        assertThat(cipher.keyId()).matches("[0-9a-f]{8}");
        assertThat(new AesGcmSecretCipher(KEY).keyId()).isEqualTo(cipher.keyId());
    }

    @Test
    void theKeyIdIsAuthenticated() {
        // a value re-labelled with another key's id is not decrypted by that key, even with the same bytes
        String sealed = cipher.seal("hunter2");
        String relabelled = sealed.replace(cipher.keyId(), "00000000");
        AesGcmSecretCipher sameKeyDifferentLabel = new AesGcmSecretCipher(KEY);

        assertThatThrownBy(() -> sameKeyDifferentLabel.open(relabelled))
                .isInstanceOfSatisfying(SecretCipher.Unreadable.class,
                        e -> assertThat(e.reason()).isEqualTo(SecretCipher.Unreadable.Reason.OTHER_KEY));
    }

    @Test
    void refusesAKeyOfTheWrongSize() {
        assertThatThrownBy(() -> new AesGcmSecretCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
