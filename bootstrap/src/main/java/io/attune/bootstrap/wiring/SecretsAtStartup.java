package io.attune.bootstrap.wiring;

import io.attune.application.service.KeyCommandService;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Seals, at every start, the secret key values that a version without encryption stored in clear: a one-off
 * migration that finds nothing to do once it has run (see {@link KeyCommandService#sealSecretsInClear}).
 */
@Singleton
public class SecretsAtStartup {

    private final KeyCommandService keys;

    SecretsAtStartup(KeyCommandService keys) {
        this.keys = keys;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        keys.sealSecretsInClear();
    }
}
