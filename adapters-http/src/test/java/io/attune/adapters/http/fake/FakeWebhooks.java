package io.attune.adapters.http.fake;

import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.WebhookIntake;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Webhooks for the HTTP adapter's tests: url {@code deploys} (and below) exists, {@code locked} refuses every request. */
@Singleton
public final class FakeWebhooks implements WebhookIntake {

    private final List<Webhook> received = new CopyOnWriteArrayList<>();

    public List<Webhook> received() {
        return received;
    }

    @Override
    public Event receive(Webhook webhook) {
        if (webhook.url().equals("locked")) {
            throw new UseCaseException.Unauthenticated("the signature is not valid");
        }
        if (!webhook.url().startsWith("deploys")) {
            throw new UseCaseException.NotFound("webhook", webhook.url());
        }
        webhook.body(); // read only now, as the service does: after the url and the signature are checked
        received.add(webhook);
        return new Event(received.size(), Ref.parse("core.webhook"), Map.of(), Instant.now(), Optional.of("webhook:" + webhook.url()));
    }
}
