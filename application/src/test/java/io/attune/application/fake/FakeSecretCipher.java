package io.attune.application.fake;

import io.attune.application.port.out.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * An in-memory SecretCipher for service tests: reversible, never in clear, a counter as nonce, a checksum as tag.
 * Not encryption: it only has the real cipher's observable behaviour.
 */
public final class FakeSecretCipher implements SecretCipher {

    private static final Pattern SEALED = Pattern.compile("v1:([0-9a-f]{8}):([A-Za-z0-9+/]+={0,2})");

    private final String keyId;
    private final byte mask;
    private final AtomicLong nonce = new AtomicLong();

    /** A cipher whose key id is {@code keyId} (8 hex digits). */
    public FakeSecretCipher(String keyId) {
        if (!keyId.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a key id has 8 hex digits");
        }
        this.keyId = keyId;
        this.mask = (byte) (keyId.hashCode() | 1);
    }

    public FakeSecretCipher() {
        this("0f0f0f0f");
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String seal(String clear) {
        byte[] text = (nonce.incrementAndGet() + ":" + clear).getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(text);
        byte[] body = (Long.toHexString(crc.getValue()) + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[body.length + text.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(text, 0, all, body.length, text.length);
        for (int i = 0; i < all.length; i++) {
            all[i] ^= mask;
        }
        return "v1:" + keyId + ":" + Base64.getEncoder().encodeToString(all);
    }

    @Override
    public String open(String sealed) {
        Matcher m = sealed == null ? null : SEALED.matcher(sealed);
        if (m == null || !m.matches()) {
            throw new Unreadable(Unreadable.Reason.MALFORMED, sealed != null && sealed.matches("v[0-9]+:.*") && !sealed.startsWith("v1:")
                    ? "the value was encrypted in a format this version does not know (" + sealed.substring(0, sealed.indexOf(':')) + ")"
                    : "the value is not in the encrypted format 'v1:<key id>:<base64>'");
        }
        if (!m.group(1).equals(keyId)) {
            throw new Unreadable(Unreadable.Reason.OTHER_KEY, "it was encrypted with another encryption key (id "
                    + m.group(1) + "; the key in use has id " + keyId + ")");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new Unreadable(Unreadable.Reason.MALFORMED, "the encrypted value is not valid base64 (truncated?)");
        }
        for (int i = 0; i < all.length; i++) {
            all[i] ^= mask;
        }
        String text = new String(all, StandardCharsets.UTF_8);
        int tagEnd = text.indexOf(':');
        if (tagEnd < 0) {
            throw new Unreadable(Unreadable.Reason.TAMPERED, "the encrypted value does not authenticate");
        }
        String rest = text.substring(tagEnd + 1);
        CRC32 crc = new CRC32();
        crc.update(rest.getBytes(StandardCharsets.UTF_8));
        int nonceEnd = rest.indexOf(':');
        if (!Long.toHexString(crc.getValue()).equals(text.substring(0, tagEnd)) || nonceEnd < 0) {
            throw new Unreadable(Unreadable.Reason.TAMPERED, "the encrypted value does not authenticate");
        }
        return rest.substring(nonceEnd + 1);
    }

    @Override
    public boolean isSealed(String stored) {
        return stored != null && SEALED.matcher(stored).matches();
    }

    @Override
    public String digest(String clear) {
        return "hmac:" + keyId + Integer.toHexString(clear.hashCode());
    }
}
