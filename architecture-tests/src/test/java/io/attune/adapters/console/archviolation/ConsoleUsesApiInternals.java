package io.attune.adapters.console.archviolation;

import io.attune.adapters.http.archconforming.GreetingController;

/** Breaks the console rule: a page calling the REST API's controller instead of the use case behind it. */
public class ConsoleUsesApiInternals {

    private final GreetingController api;

    public ConsoleUsesApiInternals(GreetingController api) {
        this.api = api;
    }

    public String page(String name) {
        return api.get(name);
    }
}
