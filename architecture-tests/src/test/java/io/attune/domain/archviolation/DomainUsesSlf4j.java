package io.attune.domain.archviolation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Breaks the JDK-only whitelist with a library the framework list does not name: a logger. */
public class DomainUsesSlf4j {

    private static final Logger LOG = LoggerFactory.getLogger(DomainUsesSlf4j.class);

    public void admit() {
        LOG.info("admitted");
    }
}
