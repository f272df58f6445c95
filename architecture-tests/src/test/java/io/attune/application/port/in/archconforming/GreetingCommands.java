package io.attune.application.port.in.archconforming;

import io.attune.domain.archconforming.Greeting;

/** An inbound port as adapters should call it. */
public interface GreetingCommands {

    Greeting greet(String name);
}
