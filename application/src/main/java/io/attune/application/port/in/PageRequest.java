package io.attune.application.port.in;

/** Which slice of a list to return. */
public record PageRequest(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw UseCaseException.Invalid.of("limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw UseCaseException.Invalid.of("offset", "offset must not be negative, got " + offset);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, 0);
    }

    public static PageRequest defaults() {
        return new PageRequest(DEFAULT_LIMIT, 0);
    }
}
