package io.attune.domain.inquiry;

import io.attune.domain.common.Json;
import io.attune.domain.identity.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A question an execution (StackStorm's {@code core.ask}) asks a person, and its answer: the JSON Schema the answer
 * must match, who may answer ({@code users} by name, {@code roles} by role code; both empty: any operator or admin),
 * a {@code route} for notifications, and a {@code ttl} in minutes after which it times out (0: never). The
 * {@code response} is held as stored (secret fields sealed by the application). {@code parent} is the workflow the
 * asking execution is a task of.
 */
public record Inquiry(long id, long execution, InquiryStatus status, Map<String, Object> schema, String route,
                      List<String> users, List<String> roles, double ttlMinutes, Optional<Instant> expiresAt,
                      Optional<Map<String, Object>> response, Optional<String> respondedBy, Instant createdAt,
                      Optional<Instant> respondedAt, OptionalLong parent) {

    public Inquiry {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        schema = Json.copyObject(Objects.requireNonNull(schema, "schema"));
        route = route == null ? "" : route;
        users = List.copyOf(users);
        roles = List.copyOf(roles);
        if (!Double.isFinite(ttlMinutes) || ttlMinutes < 0) {
            throw new IllegalArgumentException("ttl must be zero (no timeout) or a positive number of minutes, got "
                    + ttlMinutes);
        }
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        if (expiresAt.isPresent() == (ttlMinutes == 0)) {
            throw new IllegalArgumentException("an inquiry expires exactly when its ttl is not 0");
        }
        response = response == null ? Optional.empty() : response.map(Json::copyObject);
        respondedBy = respondedBy == null ? Optional.empty() : respondedBy;
        respondedAt = respondedAt == null ? Optional.empty() : respondedAt;
        parent = parent == null ? OptionalLong.empty() : parent;
        boolean answered = status == InquiryStatus.RESPONDED;
        if (response.isPresent() != answered || respondedBy.isPresent() != answered
                || respondedAt.isPresent() != answered) {
            throw new IllegalArgumentException("an inquiry has a response, a responder and a response time exactly"
                    + " when it is responded");
        }
    }

    /** A new pending inquiry of execution {@code execution}, asked at {@code now} (its id 0 until stored). */
    public static Inquiry ask(long execution, Map<String, Object> schema, String route, List<String> users,
                              List<String> roles, double ttlMinutes, OptionalLong parent, Instant now) {
        Optional<Instant> expires = ttlMinutes == 0 ? Optional.empty()
                : Optional.of(now.plus(Duration.ofMillis(Math.max(1, Math.round(ttlMinutes * 60_000)))));
        return new Inquiry(0, execution, InquiryStatus.PENDING, schema, route, users, roles, ttlMinutes, expires,
                Optional.empty(), Optional.empty(), now, Optional.empty(), parent);
    }

    /** The same inquiry with the id storage gave it. */
    public Inquiry withId(long newId) {
        return new Inquiry(newId, execution, status, schema, route, users, roles, ttlMinutes, expiresAt, response,
                respondedBy, createdAt, respondedAt, parent);
    }

    /** Answered by {@code by} at {@code at}; IllegalStateException unless pending. */
    public Inquiry responded(Map<String, Object> answer, String by, Instant at) {
        require(InquiryStatus.RESPONDED);
        return new Inquiry(id, execution, InquiryStatus.RESPONDED, schema, route, users, roles, ttlMinutes, expiresAt,
                Optional.of(answer), Optional.of(by), createdAt, Optional.of(at), parent);
    }

    /** Ended by its ttl; IllegalStateException unless pending. */
    public Inquiry timedOut() {
        return moved(InquiryStatus.TIMEOUT);
    }

    /** Ended because its execution ended otherwise (canceled with its workflow, on request); unless pending, refused. */
    public Inquiry canceled() {
        return moved(InquiryStatus.CANCELED);
    }

    /** Its ttl in minutes as a JSON number: a whole number of minutes as an integer (StackStorm's ttl is one). */
    public Number ttl() {
        return ttlMinutes == Math.rint(ttlMinutes) && ttlMinutes < Long.MAX_VALUE ? (Number) (long) ttlMinutes
                : (Number) ttlMinutes;
    }

    /** Whether its ttl has run out at {@code now} (never when its ttl is 0). */
    public boolean isDue(Instant now) {
        return status == InquiryStatus.PENDING && expiresAt.filter(e -> !e.isAfter(now)).isPresent();
    }

    /**
     * Whether {@code user} with {@code role} may answer: named in {@code users}, or holding one of {@code roles};
     * when both are empty, any operator or admin. A viewer never answers.
     */
    public boolean mayBeAnsweredBy(String user, Role role) {
        if (role == Role.VIEWER) {
            return false;
        }
        if (users.isEmpty() && roles.isEmpty()) {
            return true;
        }
        return users.contains(user) || roles.contains(role.code());
    }

    private Inquiry moved(InquiryStatus next) {
        require(next);
        return new Inquiry(id, execution, next, schema, route, users, roles, ttlMinutes, expiresAt, response,
                respondedBy, createdAt, respondedAt, parent);
    }

    private void require(InquiryStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("inquiry " + id + " is " + status.code() + " and cannot become "
                    + next.code());
        }
    }
}
