package io.attune.domain.archviolation.a;

import io.attune.domain.archviolation.b.OrderLine;
import java.util.List;

/** One half of a package cycle: holds lines from package b, which point back here. */
public record Order(List<OrderLine> lines) {
}
