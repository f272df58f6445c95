package io.attune.domain.archviolation;

import jakarta.inject.Singleton;

/** Breaks both the whitelist and the framework rule: a domain class made into a bean. */
@Singleton
public class DomainUsesJakartaInject {
}
