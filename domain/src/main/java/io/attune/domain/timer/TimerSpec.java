package io.attune.domain.timer;

import io.attune.domain.common.Ref;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A timer as a rule's trigger parameters declare it: every {@code delta} {@code unit}s, on a cron schedule in a time
 * zone, or once at a date. Parsed from the rule's trigger ref and parameters; a malformed parameter is an
 * IllegalArgumentException whose message starts with the parameter's name.
 */
public sealed interface TimerSpec {

    Ref INTERVAL = new Ref("core", "intervaltimer");
    Ref CRON = new Ref("core", "crontimer");
    Ref DATE = new Ref("core", "datetimer");
    List<Ref> TRIGGERS = List.of(INTERVAL, CRON, DATE);

    /** The trigger this timer fires. */
    Ref trigger();

    /** A canonical text of the spec: equal fingerprints, same schedule. */
    String fingerprint();

    static boolean isTimer(Ref trigger) {
        return TRIGGERS.contains(trigger);
    }

    /** The timer a rule's trigger declares; empty if the trigger is not a timer. */
    static Optional<TimerSpec> of(Ref trigger, Map<String, Object> parameters) {
        Map<String, Object> p = parameters == null ? Map.of() : parameters;
        if (trigger.equals(INTERVAL)) {
            return Optional.of(Interval.parse(p));
        }
        if (trigger.equals(CRON)) {
            return Optional.of(Cron.parse(p));
        }
        if (trigger.equals(DATE)) {
            return Optional.of(Date.parse(p));
        }
        return Optional.empty();
    }

    /** Fires every {@code period}, counted from when the timer was first planned. */
    record Interval(Duration period) implements TimerSpec, Schedule {
        public Interval {
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("delta: the interval must be positive, got " + period);
            }
        }

        static Interval parse(Map<String, Object> p) {
            Object unit = p.get("unit");
            Object delta = p.get("delta");
            if (!(unit instanceof String u)) {
                throw new IllegalArgumentException("unit: required, one of weeks, days, hours, minutes, seconds");
            }
            if (!(delta instanceof Number d) || d.doubleValue() != Math.floor(d.doubleValue())) {
                throw new IllegalArgumentException("delta: required, a whole number, got " + delta);
            }
            long n = d.longValue();
            if (n < 1) {
                throw new IllegalArgumentException("delta: must be at least 1, got " + n);
            }
            Duration one = switch (u) {
                case "weeks" -> Duration.ofDays(7);
                case "days" -> Duration.ofDays(1);
                case "hours" -> Duration.ofHours(1);
                case "minutes" -> Duration.ofMinutes(1);
                case "seconds" -> Duration.ofSeconds(1);
                default -> throw new IllegalArgumentException(
                        "unit: one of weeks, days, hours, minutes, seconds, got '" + u + "'");
            };
            try {
                return new Interval(one.multipliedBy(n));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("delta: too large, got " + n);
            }
        }

        @Override
        public Ref trigger() {
            return INTERVAL;
        }

        @Override
        public String fingerprint() {
            return "interval " + period;
        }

        @Override
        public Optional<Instant> first(Instant now) {
            return Optional.of(now.plus(period));
        }

        @Override
        public Optional<Instant> nextAfter(Instant point) {
            return Optional.of(point.plus(period));
        }

        @Override
        public Optional<Instant> after(Instant anchor, Instant t) {
            if (anchor.isAfter(t)) {
                return Optional.of(anchor);
            }
            long periods = Duration.between(anchor, t).dividedBy(period) + 1;
            return Optional.of(anchor.plus(period.multipliedBy(periods)));
        }
    }

    /**
     * Fires on a cron expression with seconds (six fields, or seven with the year) in a time zone. StackStorm-style
     * fields are assembled into such an expression: a field not given is its minimum when it is finer than the
     * coarsest given field, and every value otherwise.
     */
    record Cron(String expression, ZoneId zone, String parameter) implements TimerSpec {

        /** The StackStorm-style fields, coarsest first, and their minimum. */
        private static final List<String> FIELDS = List.of("year", "month", "day", "day_of_week", "hour", "minute", "second");

        public Cron {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(parameter, "parameter");
        }

        static Cron parse(Map<String, Object> p) {
            ZoneId zone = parseZone(p.get("timezone"));
            Object expression = p.get("expression");
            List<String> given = FIELDS.stream().filter(p::containsKey).toList();
            if (expression != null) {
                if (!(expression instanceof String e) || e.isBlank()) {
                    throw new IllegalArgumentException("expression: a cron expression with seconds, got " + expression);
                }
                if (!given.isEmpty()) {
                    throw new IllegalArgumentException("expression: give either expression or the fields "
                            + given + ", not both");
                }
                String trimmed = e.trim().replaceAll("\\s+", " ");
                int fields = trimmed.split(" ").length;
                if (fields != 6 && fields != 7) {
                    throw new IllegalArgumentException("expression: six or seven fields (seconds first) expected, got "
                            + fields + " in '" + e + "'");
                }
                return new Cron(trimmed, zone, "expression");
            }
            if (given.isEmpty()) {
                throw new IllegalArgumentException("expression: give a cron expression or at least one of " + FIELDS);
            }
            return new Cron(assemble(p, given), zone, given.get(given.size() - 1));
        }

        private static String assemble(Map<String, Object> p, List<String> given) {
            int coarsest = FIELDS.indexOf(given.get(0));
            String second = field(p, "second", coarsest, "0");
            String minute = field(p, "minute", coarsest, "0");
            String hour = field(p, "hour", coarsest, "0");
            String day;
            String dayOfWeek;
            if (p.containsKey("day_of_week")) {
                dayOfWeek = text("day_of_week", p.get("day_of_week"));
                day = p.containsKey("day") ? text("day", p.get("day")) : "?";
            } else {
                day = field(p, "day", coarsest, "1");
                dayOfWeek = "?";
            }
            if (!"?".equals(day) && !"?".equals(dayOfWeek) && p.containsKey("day")) {
                throw new IllegalArgumentException("day: give day or day_of_week, not both");
            }
            String month = field(p, "month", coarsest, "1");
            String year = p.containsKey("year") ? " " + text("year", p.get("year")) : "";
            return second + " " + minute + " " + hour + " " + day + " " + month + " " + dayOfWeek + year;
        }

        private static String field(Map<String, Object> p, String name, int coarsest, String minimum) {
            if (p.containsKey(name)) {
                return text(name, p.get(name));
            }
            return FIELDS.indexOf(name) > coarsest ? minimum : "*";
        }

        private static String text(String name, Object value) {
            if (value instanceof Number n && n.doubleValue() == Math.floor(n.doubleValue()) && n.longValue() >= 0) {
                return Long.toString(n.longValue());
            }
            if (value instanceof String s && !s.isBlank() && !s.trim().contains(" ")) {
                return s.trim();
            }
            throw new IllegalArgumentException(name + ": a cron field such as 0, \"*/5\", \"1-5\" or \"mon-fri\", got "
                    + value);
        }

        @Override
        public Ref trigger() {
            return CRON;
        }

        @Override
        public String fingerprint() {
            return "cron " + expression + " " + zone.getId();
        }
    }

    /** Fires once, at an instant. */
    record Date(Instant at) implements TimerSpec, Schedule {

        private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd[[ ]['T']HH:mm[:ss[.SSSSSSSSS]]]", Locale.ROOT);

        public Date {
            Objects.requireNonNull(at, "at");
        }

        static Date parse(Map<String, Object> p) {
            ZoneId zone = parseZone(p.get("timezone"));
            if (!(p.get("date") instanceof String date) || date.isBlank()) {
                throw new IllegalArgumentException("date: required, e.g. \"2030-01-31 09:00:00\" or an ISO-8601 date-time");
            }
            String d = date.trim();
            try {
                return new Date(OffsetDateTime.parse(d).toInstant());
            } catch (DateTimeParseException withoutOffset) {
                try {
                    var parsed = LOCAL.parseBest(d, LocalDateTime::from, java.time.LocalDate::from);
                    LocalDateTime local = parsed instanceof LocalDateTime l ? l : ((java.time.LocalDate) parsed).atStartOfDay();
                    return new Date(local.atZone(zone).toInstant());
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("date: not a date such as \"2030-01-31 09:00:00\" or "
                            + "\"2030-01-31T09:00:00+01:00\", got '" + date + "'");
                }
            }
        }

        @Override
        public Ref trigger() {
            return DATE;
        }

        @Override
        public String fingerprint() {
            return "date " + at;
        }

        /** A date already past when the timer is planned never fires. */
        @Override
        public Optional<Instant> first(Instant now) {
            return at.isAfter(now) ? Optional.of(at) : Optional.empty();
        }

        @Override
        public Optional<Instant> nextAfter(Instant point) {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> after(Instant anchor, Instant t) {
            return at.isAfter(t) ? Optional.of(at) : Optional.empty();
        }
    }

    private static ZoneId parseZone(Object value) {
        if (value == null) {
            return ZoneOffset.UTC;
        }
        if (!(value instanceof String z) || z.isBlank()) {
            throw new IllegalArgumentException("timezone: an IANA time zone such as Europe/Paris, got " + value);
        }
        try {
            return ZoneId.of(z.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timezone: unknown time zone '" + z + "' (use an IANA name such as Europe/Paris)");
        }
    }
}
