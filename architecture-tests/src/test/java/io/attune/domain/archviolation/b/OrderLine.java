package io.attune.domain.archviolation.b;

import io.attune.domain.archviolation.a.Order;

/** The other half of the package cycle: points back to its order in package a. */
public record OrderLine(Order order, int quantity) {
}
