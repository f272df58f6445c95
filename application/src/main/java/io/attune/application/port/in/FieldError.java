package io.attune.application.port.in;

import java.util.Objects;
import java.util.Optional;

/** One thing wrong with an input: which file (for packs) and which field, and what to do about it. */
public record FieldError(Optional<String> file, String field, String message) {

    public FieldError {
        file = file == null ? Optional.empty() : file;
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    public static FieldError of(String field, String message) {
        return new FieldError(Optional.empty(), field, message);
    }

    public static FieldError inFile(String file, String field, String message) {
        return new FieldError(Optional.ofNullable(file), field, message);
    }

    @Override
    public String toString() {
        return file.map(f -> f + ": ").orElse("") + field + ": " + message;
    }
}
