package io.attune.application.port.in;

import java.util.List;
import java.util.function.Function;

/** One slice of a list, with the total number of matching items. */
public record Page<T>(List<T> items, long total, int limit, int offset) {

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), total, limit, offset);
    }
}
