package io.attune.adapters.console.web;

import io.attune.application.port.in.Page;
import java.util.Optional;

/**
 * The links of a paginated list: the page shown, and the query strings of the previous and next pages (the
 * filters kept). Lists page on the server, {@code limit} items at a time.
 */
public record Paging(long total, int limit, int offset, int shown, String query, Optional<String> previous,
                     Optional<String> next) {

    /** {@code query} is the filters' query string without limit and offset ("" for none). */
    public static Paging of(Page<?> page, String query) {
        String base = query.isEmpty() ? "?" : "?" + query + "&";
        Optional<String> previous = page.offset() > 0
                ? Optional.of(base + "limit=" + page.limit() + "&offset=" + Math.max(0, page.offset() - page.limit()))
                : Optional.empty();
        Optional<String> next = page.offset() + page.items().size() < page.total()
                ? Optional.of(base + "limit=" + page.limit() + "&offset=" + (page.offset() + page.limit()))
                : Optional.empty();
        return new Paging(page.total(), page.limit(), page.offset(), page.items().size(), query, previous, next);
    }

    /** The query string of the page shown (filters, limit and offset). */
    public String current() {
        return (query.isEmpty() ? "" : query + "&") + "limit=" + limit + "&offset=" + offset;
    }

    public long first() {
        return shown == 0 ? 0 : offset + 1L;
    }

    public long last() {
        return offset + (long) shown;
    }
}
