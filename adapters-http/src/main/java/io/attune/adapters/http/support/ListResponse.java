package io.attune.adapters.http.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attune.application.port.in.Page;
import java.util.List;
import java.util.function.Function;

/** The envelope of every list the API returns: one page of items, the total that match, and the page asked for. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ListResponse<T>(List<T> items, long total, int limit, int offset) {

    public ListResponse {
        items = List.copyOf(items);
    }

    /** The page's items converted for display, with its counts. */
    public static <D, T> ListResponse<T> of(Page<D> page, Function<D, T> toJson) {
        return new ListResponse<>(page.items().stream().map(toJson).toList(), page.total(), page.limit(), page.offset());
    }
}
