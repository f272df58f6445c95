package io.attune.application.port.in;

import io.attune.application.port.in.InquiryCommands.InquiryView;
import java.util.Objects;
import java.util.Optional;
import io.attune.domain.inquiry.InquiryStatus;

/** Reading inquiries: their responses' secret fields masked. */
public interface InquiryQueries {

    /** Which inquiries a list shows: in a status, at a route (empty: any). */
    record InquiryFilter(Optional<InquiryStatus> status, Optional<String> route) {
        public InquiryFilter {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(route, "route");
        }

        public static InquiryFilter all() {
            return new InquiryFilter(Optional.empty(), Optional.empty());
        }
    }


    /** Inquiries matching {@code filter}, newest first. */
    Page<InquiryView> list(InquiryFilter filter, PageRequest page);

    /** One inquiry; NotFound when there is none. */
    InquiryView get(long id);
}
