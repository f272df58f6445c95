package io.attune.bootstrap.archconforming;

import io.attune.adapters.http.archconforming.GreetingController;
import io.attune.adapters.postgres.archconforming.JdbcGreetingStore;
import io.attune.application.service.archconforming.GreetingService;
import io.micronaut.context.annotation.Factory;
import java.sql.Connection;

/** Bootstrap wiring: the one place where a @Factory, the services and every adapter meet. */
@Factory
public class GreetingFactory {

    public GreetingController controller(Connection connection) {
        return new GreetingController(new GreetingService(new JdbcGreetingStore(connection), new byte[] {1, 2, 3}));
    }
}
