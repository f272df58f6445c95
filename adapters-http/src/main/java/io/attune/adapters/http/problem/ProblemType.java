package io.attune.adapters.http.problem;

import java.net.URI;

/** The stable kinds of problem the API reports: each has a code (the end of its type URI), a status and a title. */
public enum ProblemType {
    BAD_REQUEST("bad-request", 400, "Bad request"),
    INVALID_PARAMETER("invalid-parameter", 400, "Invalid parameter"),
    MALFORMED_BODY("malformed-body", 400, "Malformed request body"),
    INVALID_ARCHIVE("invalid-archive", 400, "Invalid archive"),
    UNAUTHENTICATED("unauthenticated", 401, "Unauthenticated"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Conflict"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    INVALID_INPUT("invalid-input", 422, "Invalid input"),
    INVALID_PACK("invalid-pack", 422, "Invalid pack"),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests"),
    INTERNAL_ERROR("internal-error", 500, "Internal error"),
    UNAVAILABLE("unavailable", 503, "Service unavailable");

    /** Where the problem types are named; a type is this base plus its code. */
    public static final String BASE = "https://attune.dev/problems/";

    private final String code;
    private final int status;
    private final String title;

    ProblemType(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + code);
    }

    /** The generic problem type of an HTTP status the framework produced; unknown statuses fall back by class. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> INVALID_INPUT;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}
