package io.attune.adapters.http.fake;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import java.util.List;

/** Slices an in-memory list the way the real repositories page. */
final class Pages {

    private Pages() {
    }

    static <T> Page<T> of(List<T> all, PageRequest page) {
        int from = Math.min(page.offset(), all.size());
        int to = Math.min(from + page.limit(), all.size());
        return new Page<>(all.subList(from, to), all.size(), page.limit(), page.offset());
    }
}
