/** Attune's use cases: inbound ports, their services, and the outbound ports they need. */
module io.attune.application {
    requires transitive io.attune.domain;

    exports io.attune.application.port.in;
    exports io.attune.application.port.out;
    exports io.attune.application.service;
}
