package io.attune.adapters.http.fake;

import io.attune.application.port.in.Idempotency;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Idempotency-Keys whose answers are remembered in memory; the fake services claim nothing, so nothing replays. */
@Singleton
public final class FakeIdempotency implements Idempotency {

    private final Map<Claim, Answer> answers = new ConcurrentHashMap<>();

    public Map<Claim, Answer> answers() {
        return answers;
    }

    @Override
    public Optional<Replay> replay(Claim claim) {
        return Optional.ofNullable(answers.get(claim)).map(a -> new Replay("remembered", Optional.of(a)));
    }

    @Override
    public void remember(Claim claim, Answer answer) {
        answers.putIfAbsent(claim, answer);
    }

    @Override
    public int sweep() {
        return 0;
    }
}
