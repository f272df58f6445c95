package io.attune.adapters.http.archviolation;

import io.attune.adapters.postgres.archviolation.PostgresGreetingStore;

/** Breaks adapter isolation: an HTTP controller reading through the PostgreSQL adapter instead of a port. */
public class HttpUsesPostgresAdapter {

    private final PostgresGreetingStore store = new PostgresGreetingStore();

    public String get(long id) {
        return store.load(id);
    }
}
