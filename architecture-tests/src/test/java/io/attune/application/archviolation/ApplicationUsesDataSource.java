package io.attune.application.archviolation;

import javax.sql.DataSource;

/** Breaks only the whitelist: javax.sql is named by no framework rule, yet it is not the JDK core or javax.crypto. */
public class ApplicationUsesDataSource {

    private DataSource dataSource;

    public boolean configured() {
        return dataSource != null;
    }
}
