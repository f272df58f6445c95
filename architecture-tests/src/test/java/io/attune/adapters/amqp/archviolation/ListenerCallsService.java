package io.attune.adapters.amqp.archviolation;

import io.attune.application.service.archviolation.SingletonGreetingService;

/** Breaks the port rule: a listener calling a service class instead of its port.in interface. */
public class ListenerCallsService {

    private final SingletonGreetingService service = new SingletonGreetingService();

    public String onMessage(String name) {
        return service.greet(name);
    }
}
