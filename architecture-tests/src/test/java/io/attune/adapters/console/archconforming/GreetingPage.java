package io.attune.adapters.console.archconforming;

import io.attune.application.port.in.archconforming.GreetingCommands;

/** A console page as the rule wants it: it calls a use case (port.in) and shows what comes back. */
public class GreetingPage {

    private final GreetingCommands commands;

    public GreetingPage(GreetingCommands commands) {
        this.commands = commands;
    }

    public String render(String name) {
        return "<p>" + String.join(" ", commands.greet(name).lines()) + "</p>";
    }
}
