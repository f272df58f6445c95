package io.attune.domain.pack;

import java.util.Objects;

/**
 * A key of a pack file that Attune read past without using it: {@code file} relative to the pack, {@code key} its dotted
 * path, {@code message} whether it is unknown or a StackStorm key Attune deliberately ignores.
 */
public record PackWarning(String file, String key, String message) {

    public PackWarning {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }
}
