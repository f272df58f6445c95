package io.attune.domain.inquiry;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Where an inquiry is: waiting for its answer, or ended by an answer, its ttl, or its execution ending otherwise. */
public enum InquiryStatus {
    PENDING, RESPONDED, TIMEOUT, CANCELED;

    /** The statuses this one may move to: only a pending inquiry moves, and only once. */
    public Set<InquiryStatus> successors() {
        return switch (this) {
            case PENDING -> EnumSet.of(RESPONDED, TIMEOUT, CANCELED);
            case RESPONDED, TIMEOUT, CANCELED -> EnumSet.noneOf(InquiryStatus.class);
        };
    }

    public boolean canMoveTo(InquiryStatus next) {
        return successors().contains(next);
    }

    public boolean isEnded() {
        return this != PENDING;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InquiryStatus> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(c)).findFirst();
    }
}
