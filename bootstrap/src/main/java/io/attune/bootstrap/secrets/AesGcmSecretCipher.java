package io.attune.bootstrap.secrets;

import io.attune.application.port.out.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link SecretCipher} on AES-256-GCM from the JDK: a random 12-byte nonce per value, a 128-bit tag. A sealed value
 * reads {@code v1:<key id>:<base64(nonce || ciphertext and tag)>}; the key id (8 hex digits of a SHA-256 of the key)
 * and the version are authenticated as associated data, so neither can be changed unnoticed.
 */
public final class AesGcmSecretCipher implements SecretCipher {

    /** Bytes of an AES-256 key. */
    public static final int KEY_BYTES = 32;

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern SEALED = Pattern.compile("v1:([0-9a-f]{8}):([A-Za-z0-9+/]+={0,2})");
    private static final Pattern VERSIONED = Pattern.compile("v[0-9]+:.*", Pattern.DOTALL);

    private final SecretKeySpec key;
    private final SecretKeySpec digestKey;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    public AesGcmSecretCipher(byte[] keyBytes) {
        if (keyBytes == null || keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(keyBytes.clone(), "AES");
        this.keyId = HexFormat.of().formatHex(Arrays.copyOf(sha256("attune key id", keyBytes), 4));
        this.digestKey = new SecretKeySpec(sha256("attune digest", keyBytes), "HmacSHA256");
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String seal(String clear) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header(keyId));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available: " + e.getMessage());
        }
    }

    @Override
    public String open(String sealed) {
        if (sealed == null) {
            throw new Unreadable(Unreadable.Reason.MALFORMED, "no value to decrypt");
        }
        Matcher m = SEALED.matcher(sealed);
        if (!m.matches()) {
            throw new Unreadable(Unreadable.Reason.MALFORMED, VERSIONED.matcher(sealed).matches()
                    && !sealed.startsWith(VERSION + ":")
                    ? "the value was encrypted in a format this version does not know (" + sealed.substring(0, sealed.indexOf(':')) + ")"
                    : "the value is not in the encrypted format 'v1:<key id>:<base64>'");
        }
        String sealedWith = m.group(1);
        if (!sealedWith.equals(keyId)) {
            throw new Unreadable(Unreadable.Reason.OTHER_KEY, "it was encrypted with another encryption key (id "
                    + sealedWith + "; the key in use has id " + keyId + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new Unreadable(Unreadable.Reason.MALFORMED, "the encrypted value is not valid base64 (truncated?)");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new Unreadable(Unreadable.Reason.MALFORMED, "the encrypted value is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(header(sealedWith));
            byte[] clear = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new Unreadable(Unreadable.Reason.TAMPERED, "the encrypted value does not authenticate (altered,"
                    + " or encrypted with another key of the same id " + sealedWith + ")");
        } catch (GeneralSecurityException e) {
            throw new Unreadable(Unreadable.Reason.MALFORMED, "the encrypted value cannot be read: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean isSealed(String stored) {
        return stored != null && SEALED.matcher(stored).matches();
    }

    @Override
    public String digest(String clear) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(digestKey);
            byte[] full = mac.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return "hmac:" + HexFormat.of().formatHex(Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage());
        }
    }

    private static byte[] header(String id) {
        return (VERSION + ":" + id).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sha256(String label, byte[] keyBytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(label.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            return sha.digest(keyBytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
