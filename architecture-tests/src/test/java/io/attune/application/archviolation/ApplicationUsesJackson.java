package io.attune.application.archviolation;

import com.fasterxml.jackson.databind.JsonNode;

/** Breaks the framework rule: a Jackson type leaking into a use case instead of plain Java maps and lists. */
public class ApplicationUsesJackson {

    public String kind(JsonNode payload) {
        return payload.getNodeType().name();
    }
}
