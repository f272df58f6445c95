package io.attune.application.port.in;

import java.util.List;

/** The expected business failures of every use case, each with a stable code the HTTP adapter maps to a status. */
public abstract sealed class UseCaseException extends RuntimeException {

    private UseCaseException(String message) {
        super(message, null, false, false);
    }

    /** A stable, machine-readable name of the failure. */
    public abstract String code();

    /** Something named does not exist. */
    public static final class NotFound extends UseCaseException {
        private final String kind;
        private final String id;

        public NotFound(String kind, String id) {
            super(kind + " '" + id + "' does not exist");
            this.kind = kind;
            this.id = id;
        }

        public String kind() {
            return kind;
        }

        public String id() {
            return id;
        }

        @Override
        public String code() {
            return "not-found";
        }
    }

    /** The request clashes with the current state (a duplicate, a finished execution). */
    public static final class Conflict extends UseCaseException {
        public Conflict(String message) {
            super(message);
        }

        @Override
        public String code() {
            return "conflict";
        }
    }

    /** The caller could not prove who it is (a webhook without a valid signature); nothing was done. */
    public static final class Unauthenticated extends UseCaseException {
        public Unauthenticated(String message) {
            super(message);
        }

        @Override
        public String code() {
            return "unauthenticated";
        }
    }

    /** The input is invalid; every problem is listed with its field (and file, for packs). */
    public static final class Invalid extends UseCaseException {
        private final List<FieldError> errors;

        public Invalid(String message, List<FieldError> errors) {
            super(message);
            this.errors = List.copyOf(errors);
        }

        public static Invalid of(String field, String message) {
            return new Invalid(message, List.of(FieldError.of(field, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }

        @Override
        public String code() {
            return "invalid-input";
        }
    }

    /** A pack could not be installed; nothing of it was written. */
    public static final class PackRejected extends UseCaseException {
        private final List<FieldError> errors;

        public PackRejected(String message, List<FieldError> errors) {
            super(message);
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }

        @Override
        public String code() {
            return "invalid-pack";
        }
    }

    /** An uploaded archive cannot be used: unreadable, of an unknown type, or with an unsafe entry (named in its errors). */
    public static final class InvalidArchive extends UseCaseException {
        private final List<FieldError> errors;

        public InvalidArchive(String message, List<FieldError> errors) {
            super(message);
            this.errors = List.copyOf(errors);
        }

        /** An archive refused because of one of its entries, or of itself when {@code entry} is null. */
        public static InvalidArchive of(String entry, String message) {
            return new InvalidArchive(entry == null ? message : "archive entry '" + entry + "' " + message,
                    List.of(FieldError.inFile(entry, "archive", message)));
        }

        public List<FieldError> errors() {
            return errors;
        }

        @Override
        public String code() {
            return "invalid-archive";
        }
    }

    /** Something sent is over a size limit (an upload, what an archive expands to); nothing was kept. */
    public static final class TooLarge extends UseCaseException {
        private final List<FieldError> errors;

        public TooLarge(String field, String message) {
            super(message);
            this.errors = List.of(FieldError.of(field, message));
        }

        public List<FieldError> errors() {
            return errors;
        }

        @Override
        public String code() {
            return "payload-too-large";
        }
    }

    /** The caller is known but its role does not allow this. */
    public static final class Forbidden extends UseCaseException {
        public Forbidden(String message) {
            super(message);
        }

        @Override
        public String code() {
            return "forbidden";
        }
    }

    /** Too many failed attempts (logins): nothing was tried; try again after {@code retryAfter}. */
    public static final class TooManyAttempts extends UseCaseException {
        private final java.time.Duration retryAfter;

        public TooManyAttempts(String message, java.time.Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }

        @Override
        public String code() {
            return "too-many-requests";
        }
    }
}
