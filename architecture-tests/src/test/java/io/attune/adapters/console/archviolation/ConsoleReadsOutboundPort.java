package io.attune.adapters.console.archviolation;

import io.attune.application.port.out.archconforming.GreetingStore;

/** Breaks the console rule: a page reading through an outbound port (a repository) instead of a use case. */
public class ConsoleReadsOutboundPort {

    private final GreetingStore store;

    public ConsoleReadsOutboundPort(GreetingStore store) {
        this.store = store;
    }

    public Object page() {
        return store;
    }
}
