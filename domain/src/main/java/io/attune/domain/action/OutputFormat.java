package io.attune.domain.action;

import java.util.Locale;
import java.util.Optional;

/** How an action's stdout becomes its result. */
public enum OutputFormat {
    TEXT, JSON;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OutputFormat> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return switch (code.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> Optional.of(TEXT);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }
}
