package io.attune.adapters.http.problem;

import io.attune.application.port.in.FieldError;
import java.util.List;

/**
 * A problem found by the HTTP adapter itself (a bad query parameter, a malformed body, a body too large),
 * turned into problem+json by {@link ProblemExceptionHandler}.
 */
public final class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    /** A path or query parameter that cannot be used as given. */
    public static ProblemException invalidParameter(String parameter, String message) {
        return new ProblemException(ProblemType.INVALID_PARAMETER, "parameter '" + parameter + "': " + message,
                List.of(FieldError.of(parameter, message)));
    }

    /** A request body whose JSON has the wrong shape at {@code field}. */
    public static ProblemException malformedBody(String field, String message) {
        return new ProblemException(ProblemType.MALFORMED_BODY, "the request body is malformed at '" + field + "': "
                + message, List.of(FieldError.of(field, message)));
    }

    /** A body field whose value is well-formed but not acceptable. */
    public static ProblemException invalidInput(String field, String message) {
        return new ProblemException(ProblemType.INVALID_INPUT, field + ": " + message,
                List.of(FieldError.of(field, message)));
    }

    /** A request part ({@code field}) over its size limit. */
    public static ProblemException tooLarge(String field, String message) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, message, List.of(FieldError.of(field, message)));
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
