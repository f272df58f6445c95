/**
 * Benchmarks of Attune: JMH benchmarks of the pure domain logic and {@link io.attune.benchmarks.LoadDriver}, the
 * end-to-end load driver against a started Attune. Outside the product: measures, asserts nothing.
 */
package io.attune.benchmarks;
