package io.attune.application.port.in;

import io.attune.application.port.in.Identities.Principal;
import io.attune.domain.inquiry.Inquiry;
import java.util.Map;
import java.util.Objects;

/** Answering inquiries: a person's response ends the inquiry and its execution. */
public interface InquiryCommands {

    /** The answer {@code response} to inquiry {@code id}, given by {@code by}. */
    record Respond(long id, Map<String, Object> response, Principal by) {
        public Respond {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(by, "by");
            response = io.attune.domain.common.Json.copyObject(response);
        }
    }

    /** An inquiry as shown: its response with secret fields masked. */
    record InquiryView(Inquiry inquiry) {
        public InquiryView {
            Objects.requireNonNull(inquiry, "inquiry");
        }
    }

    /**
     * Answers a pending inquiry: the response is checked against its schema (Invalid naming each field, nothing
     * stored), the responder against its users and roles (Forbidden); in one transaction the inquiry becomes responded
     * and its execution succeeded with the response as its result (secret fields sealed). NotFound for an unknown id;
     * Conflict once it is responded, timed out or canceled.
     */
    InquiryView respond(Respond command);
}
