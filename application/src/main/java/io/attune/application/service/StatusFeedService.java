package io.attune.application.service;

import io.attune.application.port.in.StatusFeed;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Fans status changes out to the subscribers of this instance (the SSE streams). */
public final class StatusFeedService implements StatusFeed {

    private static final System.Logger LOG = System.getLogger(StatusFeedService.class.getName());
    private final List<Consumer<StatusChange>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void announce(StatusChange change) {
        for (Consumer<StatusChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "a status subscriber failed; it is dropped", e);
                listeners.remove(listener);
            }
        }
    }

    @Override
    public boolean listened() {
        return !listeners.isEmpty();
    }

    @Override
    public AutoCloseable subscribe(Consumer<StatusChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
