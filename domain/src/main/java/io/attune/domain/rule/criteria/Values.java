package io.attune.domain.rule.criteria;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Coercion and equality rules for the JSON-shaped values criteria compare. */
final class Values {

    private static final int SHOWN_CHARACTERS = 80;
    private static final int PLAIN_SCALE = 100;
    private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(Instant.MAX.getEpochSecond());

    private Values() {
    }

    /**
     * A number or a numeric string (anything {@link BigDecimal#BigDecimal(String)} reads, without surrounding
     * blanks) as a decimal; empty for anything else, including NaN and the infinities.
     */
    static Optional<BigDecimal> decimal(Object value) {
        try {
            return switch (value) {
                case BigDecimal d -> Optional.of(d);
                case BigInteger i -> Optional.of(new BigDecimal(i));
                case Long l -> Optional.of(BigDecimal.valueOf(l));
                case Integer i -> Optional.of(BigDecimal.valueOf(i));
                case Short s -> Optional.of(BigDecimal.valueOf(s));
                case Byte b -> Optional.of(BigDecimal.valueOf(b));
                case Double d -> Double.isFinite(d) ? Optional.of(BigDecimal.valueOf(d)) : Optional.empty();
                case Float f -> Float.isFinite(f) ? Optional.of(BigDecimal.valueOf(f)) : Optional.empty();
                case Number n -> Optional.of(new BigDecimal(n.toString()));
                case String s -> Optional.of(new BigDecimal(s));
                case null, default -> Optional.empty();
            };
        } catch (NumberFormatException notNumeric) {
            return Optional.empty();
        }
    }

    /**
     * Equality as {@code equals}, {@code in} and {@code contains} on lists see it: numbers compare by value
     * (1 equals 1.0), a number and a numeric string compare by value ("5" equals 5), two strings compare
     * exactly ("5" does not equal "5.0"), lists element by element, maps key by key; anything else, booleans
     * included, only equals a value of its own kind.
     */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number || b instanceof Number) {
            Optional<BigDecimal> x = decimal(a);
            Optional<BigDecimal> y = decimal(b);
            if (x.isPresent() && y.isPresent()) {
                return x.get().compareTo(y.get()) == 0;
            }
            return a.equals(b);
        }
        if (a instanceof List<?> left && b instanceof List<?> right) {
            if (left.size() != right.size()) {
                return false;
            }
            for (int i = 0; i < left.size(); i++) {
                if (!same(left.get(i), right.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> left && b instanceof Map<?, ?> right) {
            return left.size() == right.size() && left.entrySet().stream().allMatch(entry ->
                    right.containsKey(entry.getKey()) && same(entry.getValue(), right.get(entry.getKey())));
        }
        return a.equals(b);
    }

    /** {@link #same} except that two strings compare ignoring case. */
    static boolean sameIgnoringCase(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return lower(x).equals(lower(y));
        }
        return same(a, b);
    }

    /** The text form of a scalar (a string itself, a number or boolean as written in JSON); empty for the rest. */
    static Optional<String> text(Object value) {
        return switch (value) {
            case String s -> Optional.of(s);
            // A plain form of 1E+999999999 would be a billion characters long.
            case BigDecimal d -> Optional.of(Math.abs(d.scale()) <= PLAIN_SCALE ? d.toPlainString() : d.toString());
            case Number n -> Optional.of(n.toString());
            case Boolean b -> Optional.of(b.toString());
            case null, default -> Optional.empty();
        };
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * A point in time read from an {@link Instant} or {@link OffsetDateTime} value, an ISO-8601 string (with an
     * offset or a zone; without one it is taken as UTC, as StackStorm does; a blank instead of the {@code T}
     * is accepted, as Python's {@code str(datetime)} writes it), or a number of seconds since the epoch.
     */
    static Optional<Instant> instant(Object value) {
        return switch (value) {
            case Instant i -> Optional.of(i);
            case OffsetDateTime o -> Optional.of(o.toInstant());
            case ZonedDateTime z -> Optional.of(z.toInstant());
            case Number n -> decimal(n).flatMap(Values::fromEpochSeconds);
            case String s -> parseTimestamp(s);
            case null, default -> Optional.empty();
        };
    }

    /** The whole seconds and nanoseconds of a duration as one decimal number of seconds. */
    static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds())
                .add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros();
    }

    /** A short description of a payload value for a non-match reason. */
    static String show(Object value) {
        String shown = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        return shown.length() <= SHOWN_CHARACTERS ? shown : shown.substring(0, SHOWN_CHARACTERS) + "...";
    }

    /** The JSON kind of a value, with its article: "a string", "a list", ... */
    static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Number n -> "a number";
            case Boolean b -> "a boolean";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "a map";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    private static Optional<Instant> fromEpochSeconds(BigDecimal seconds) {
        if (seconds.abs().compareTo(MAX_EPOCH_SECONDS) > 0) {
            return Optional.empty();
        }
        // Rounding 1E-999999999 to whole seconds would divide by a billion-digit power of ten.
        BigDecimal tractable = seconds.precision() - seconds.scale() < -10 ? BigDecimal.ZERO : seconds;
        try {
            BigDecimal whole = tractable.setScale(0, RoundingMode.FLOOR);
            int nanos = tractable.subtract(whole).movePointRight(9).intValue();
            return Optional.of(Instant.ofEpochSecond(whole.longValueExact(), nanos));
        } catch (ArithmeticException | DateTimeException outOfRange) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> parseTimestamp(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(
                    iso, ZonedDateTime::from, LocalDateTime::from);
            return Optional.of(parsed instanceof ZonedDateTime zoned
                    ? zoned.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notATimestamp) {
            return Optional.empty();
        }
    }
}
