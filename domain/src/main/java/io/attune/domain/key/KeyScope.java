package io.attune.domain.key;

import io.attune.domain.common.Ref;

/** Where a key is visible: the whole system, or one pack. */
public sealed interface KeyScope permits KeyScope.System, KeyScope.Pack {

    /** The scope as stored and shown: {@code system} or {@code pack:<name>}. */
    String code();

    /** Visible everywhere. */
    record System() implements KeyScope {
        @Override
        public String code() {
            return "system";
        }
    }

    /** Visible to one pack's actions, sensors and rules. */
    record Pack(String pack) implements KeyScope {
        public Pack {
            Ref.requirePackName(pack);
        }

        @Override
        public String code() {
            return "pack:" + pack;
        }
    }

    /** Parses {@code system} or {@code pack:<name>}; throws IllegalArgumentException otherwise. */
    static KeyScope parse(String code) {
        if (code == null || code.isBlank() || code.equals("system")) {
            return new System();
        }
        if (code.startsWith("pack:")) {
            return new Pack(code.substring("pack:".length()));
        }
        throw new IllegalArgumentException("invalid scope '" + code + "': use 'system' or 'pack:<name>'");
    }
}
