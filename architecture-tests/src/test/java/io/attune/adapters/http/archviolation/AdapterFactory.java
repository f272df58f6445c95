package io.attune.adapters.http.archviolation;

import io.micronaut.context.annotation.Factory;

/** Breaks the wiring rule: a @Factory outside bootstrap. */
@Factory
public class AdapterFactory {
}
