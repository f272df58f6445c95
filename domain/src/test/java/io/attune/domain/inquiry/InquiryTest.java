package io.attune.domain.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.identity.Role;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InquiryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Map<String, Object> SCHEMA = Map.of("type", "object",
            "properties", Map.of("continue", Map.of("type", "boolean")));

    private static Inquiry ask(List<String> users, List<String> roles, double ttl) {
        return Inquiry.ask(7, SCHEMA, "ops", users, roles, ttl, OptionalLong.of(3), T0).withId(1);
    }

    @Test
    void onlyAPendingInquiryMovesAndOnlyOnce() {
        for (InquiryStatus from : InquiryStatus.values()) {
            assertThat(from.successors()).as(from.code()).isEqualTo(from == InquiryStatus.PENDING
                    ? EnumSet.of(InquiryStatus.RESPONDED, InquiryStatus.TIMEOUT, InquiryStatus.CANCELED)
                    : EnumSet.noneOf(InquiryStatus.class));
            assertThat(from.isEnded()).isEqualTo(from != InquiryStatus.PENDING);
            assertThat(InquiryStatus.fromCode(" " + from.code().toUpperCase() + " ")).contains(from);
        }
        assertThat(InquiryStatus.fromCode("answered")).isEmpty();
    }

    @Test
    void anAnswerIsKeptWithItsResponderAndTimeAndEndsTheInquiry() {
        Inquiry answered = ask(List.of(), List.of(), 60).responded(Map.of("continue", true), "alice", T0.plusSeconds(5));

        assertThat(answered.status()).isEqualTo(InquiryStatus.RESPONDED);
        assertThat(answered.response()).contains(Map.of("continue", true));
        assertThat(answered.respondedBy()).contains("alice");
        assertThat(answered.respondedAt()).contains(T0.plusSeconds(5));
        assertThatThrownBy(() -> answered.responded(Map.of(), "bob", T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("responded");
        assertThatThrownBy(answered::timedOut).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(answered::canceled).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTtlSetsTheExpiryInMinutesAndZeroNeverExpires() {
        Inquiry hour = ask(List.of(), List.of(), 60);
        assertThat(hour.expiresAt()).contains(T0.plusSeconds(3600));
        assertThat(hour.isDue(T0.plusSeconds(3599))).isFalse();
        assertThat(hour.isDue(T0.plusSeconds(3600))).isTrue();
        assertThat(hour.timedOut().isDue(T0.plusSeconds(3600))).isFalse();

        assertThat(hour.ttl()).isEqualTo(60L);
        assertThat(ask(List.of(), List.of(), 0.05).expiresAt()).contains(T0.plusSeconds(3));
        assertThat(ask(List.of(), List.of(), 0.05).ttl()).isEqualTo(0.05);
        Inquiry never = ask(List.of(), List.of(), 0);
        assertThat(never.expiresAt()).isEmpty();
        assertThat(never.isDue(T0.plusSeconds(365L * 24 * 3600))).isFalse();
    }

    @Test
    void aNegativeOrEndlessTtlIsRefused() {
        assertThatThrownBy(() -> ask(List.of(), List.of(), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
        assertThatThrownBy(() -> ask(List.of(), List.of(), Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
    }

    @Test
    void withoutUsersOrRolesAnyOperatorOrAdminAnswersButNeverAViewer() {
        Inquiry open = ask(List.of(), List.of(), 1);
        assertThat(open.mayBeAnsweredBy("anyone", Role.OPERATOR)).isTrue();
        assertThat(open.mayBeAnsweredBy("root", Role.ADMIN)).isTrue();
        assertThat(open.mayBeAnsweredBy("watcher", Role.VIEWER)).isFalse();
    }

    @Test
    void namedUsersOrRolesAloneMayAnswer() {
        Inquiry named = ask(List.of("alice"), List.of("admin"), 1);
        assertThat(named.mayBeAnsweredBy("alice", Role.OPERATOR)).isTrue();
        assertThat(named.mayBeAnsweredBy("root", Role.ADMIN)).isTrue();
        assertThat(named.mayBeAnsweredBy("bob", Role.OPERATOR)).isFalse();
        assertThat(named.mayBeAnsweredBy("alice", Role.VIEWER)).isFalse();
    }

    @Test
    void aResponseExistsExactlyWhenTheInquiryIsResponded() {
        assertThatThrownBy(() -> new Inquiry(1, 7, InquiryStatus.PENDING, SCHEMA, "", List.of(), List.of(), 0,
                Optional.empty(), Optional.of(Map.of()), Optional.of("a"), T0, Optional.of(T0), OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Inquiry(1, 7, InquiryStatus.RESPONDED, SCHEMA, "", List.of(), List.of(), 0,
                Optional.empty(), Optional.empty(), Optional.empty(), T0, Optional.empty(), OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCanceledInquiryKeepsItsQuestion() {
        Inquiry canceled = ask(List.of("alice"), List.of(), 5).canceled();
        assertThat(canceled.status()).isEqualTo(InquiryStatus.CANCELED);
        assertThat(canceled.schema()).isEqualTo(SCHEMA);
        assertThat(canceled.parent()).hasValue(3);
        assertThat(canceled.response()).isEmpty();
    }
}
