package io.attune.adapters.expressions.pack;

import java.util.Optional;
import java.util.function.Supplier;

/** Runs a domain constructor and turns its IllegalArgumentException into a problem on the field its message names. */
final class DomainErrors {

    private DomainErrors() {
    }

    /**
     * The built value, or empty after recording the domain's message under the first of {@code fields} the message
     * mentions (else under {@code fallback}).
     */
    static <T> Optional<T> build(FileProblems problems, Supplier<T> constructor, String fallback, String... fields) {
        try {
            return Optional.of(constructor.get());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "is invalid" : e.getMessage();
            String field = fallback;
            for (String candidate : fields) {
                if (message.contains(candidate)) {
                    field = candidate;
                    break;
                }
            }
            problems.add(field, message);
            return Optional.empty();
        }
    }
}
