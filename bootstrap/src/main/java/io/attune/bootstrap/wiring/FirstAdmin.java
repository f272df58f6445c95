package io.attune.bootstrap.wiring;

import io.attune.application.port.in.Identities;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the first start (no user at all) creates the user {@code admin}: with {@code ATTUNE_ADMIN_PASSWORD} when set,
 * else with a random password written to the log this once.
 */
@Singleton
public class FirstAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    private final Identities identities;
    private final Optional<String> password;

    FirstAdmin(Identities identities, @Nullable @Property(name = "attune.auth.admin-password") String password) {
        this.identities = identities;
        this.password = Optional.ofNullable(password).filter(p -> !p.isBlank());
    }

    @EventListener
    void onStartup(StartupEvent event) {
        Optional<String> generated = identities.ensureAdmin(password);
        if (generated.isPresent()) {
            LOG.warn("Created the first user 'admin' with the password: {}  (shown once; change it with POST"
                    + " /api/v1/auth/password, or set ATTUNE_ADMIN_PASSWORD before the first start)", generated.get());
        } else if (password.isPresent()) {
            LOG.debug("The first admin exists or was created from ATTUNE_ADMIN_PASSWORD");
        }
    }
}
