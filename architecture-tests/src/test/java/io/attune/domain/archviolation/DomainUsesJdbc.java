package io.attune.domain.archviolation;

import java.sql.Connection;

/** Breaks only the framework rule: java.sql lies inside java.., so the whitelist alone would let it pass. */
public class DomainUsesJdbc {

    private Connection connection;

    public boolean connected() {
        return connection != null;
    }
}
