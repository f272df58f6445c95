package io.attune.domain.execution;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A piece of what a running action printed on one stream, stored while it runs so that its output can be followed.
 * {@code seq} orders the chunks of one execution (from 1, both streams together).
 */
public record OutputChunk(long executionId, long seq, Stream stream, String data, Instant at) {

    public OutputChunk {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be positive, got " + seq);
        }
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(at, "at");
    }

    /** The stream a chunk was printed on. */
    public enum Stream {
        STDOUT, STDERR;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The stream of a code ({@code stdout}, {@code stderr}); empty for anything else. */
        public static Optional<Stream> fromCode(String code) {
            return switch (code) {
                case "stdout" -> Optional.of(STDOUT);
                case "stderr" -> Optional.of(STDERR);
                default -> Optional.empty();
            };
        }
    }
}
