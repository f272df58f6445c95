package io.attune.adapters.http.archconforming;

import io.attune.application.port.in.archconforming.GreetingCommands;

/** An inbound adapter that calls the port, never the service. */
public class GreetingController {

    private final GreetingCommands commands;

    public GreetingController(GreetingCommands commands) {
        this.commands = commands;
    }

    public String get(String name) {
        return String.join(",", commands.greet(name).lines());
    }
}
