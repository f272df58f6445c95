package io.attune.adapters.postgres.archviolation;

/** A PostgreSQL adapter class that another adapter wrongly reaches into. */
public class PostgresGreetingStore {

    public String load(long id) {
        return "greeting " + id;
    }
}
