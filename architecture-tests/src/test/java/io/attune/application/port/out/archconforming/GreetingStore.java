package io.attune.application.port.out.archconforming;

import io.attune.domain.archconforming.Greeting;

/** An outbound port the service needs. */
public interface GreetingStore {

    void save(Greeting greeting, byte[] signature);
}
