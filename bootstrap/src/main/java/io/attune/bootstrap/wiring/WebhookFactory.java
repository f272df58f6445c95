package io.attune.bootstrap.wiring;

import io.attune.application.port.in.EventIntake;
import io.attune.application.port.in.WebhookIntake;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.service.WebhookService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** Builds the webhook intake: requests to /api/v1/webhooks/{url} become events through {@link EventIntake}. */
@Factory
public class WebhookFactory {

    @Singleton
    WebhookIntake webhookIntake(RuleRepository rules, KeyRepository keys, SecretCipher cipher, EventIntake events,
                                Clock clock,
                                @Property(name = "attune.webhooks.dropped-headers") List<String> droppedHeaders) {
        return new WebhookService(rules, keys, cipher, events, clock, droppedHeaders);
    }
}
