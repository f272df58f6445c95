package io.attune.application.port.in;

import java.util.List;
import java.util.function.Function;

/**
 * One slice of a list without its total: whether more items follow is all that is known, which costs a page's
 * rows to find out, where a total costs every matching row (a list of a million executions).
 */
public record Slice<T>(List<T> items, int limit, int offset, boolean more) {

    public Slice {
        items = List.copyOf(items);
    }

    /** The first {@code limit} of {@code fetched}, which was asked for {@code limit + 1} items. */
    public static <T> Slice<T> of(List<T> fetched, PageRequest page) {
        boolean more = fetched.size() > page.limit();
        return new Slice<>(more ? fetched.subList(0, page.limit()) : fetched, page.limit(), page.offset(), more);
    }

    public <R> Slice<R> map(Function<T, R> f) {
        return new Slice<>(items.stream().map(f).toList(), limit, offset, more);
    }
}
