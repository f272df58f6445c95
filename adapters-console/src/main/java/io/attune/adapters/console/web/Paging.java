package io.attune.adapters.console.web;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.Slice;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The links of a list paginated on the server: the items shown, the total when it is known (catalog lists; the
 * executions list does not count a million rows), and the query strings of the previous and next pages with the
 * filters kept.
 */
public record Paging(int limit, int offset, int shown, OptionalLong total, boolean more, String query) {

    /** {@code query} is the filters' query string without limit and offset ("" for none). */
    public static Paging of(Page<?> page, String query) {
        return new Paging(page.limit(), page.offset(), page.items().size(), OptionalLong.of(page.total()),
                page.offset() + page.items().size() < page.total(), query);
    }

    public static Paging of(Slice<?> slice, String query) {
        return new Paging(slice.limit(), slice.offset(), slice.items().size(), OptionalLong.empty(), slice.more(), query);
    }

    public Optional<String> previous() {
        return offset > 0 ? Optional.of(link(Math.max(0, offset - limit))) : Optional.empty();
    }

    public Optional<String> next() {
        return more ? Optional.of(link(offset + limit)) : Optional.empty();
    }

    /** The query string of the page shown (filters, limit and offset). */
    public String current() {
        return link(offset).substring(1);
    }

    public long first() {
        return shown == 0 ? 0 : offset + 1L;
    }

    public long last() {
        return offset + (long) shown;
    }

    private String link(int at) {
        return "?" + (query.isEmpty() ? "" : query + "&") + "limit=" + limit + "&offset=" + at;
    }
}
