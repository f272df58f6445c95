package io.attune.adapters.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.Slice;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void aSliceLinksToTheNextPageOnlyWhenMoreFollowAndKeepsTheFilters() {
        Slice<Integer> first = Slice.of(List.of(1, 2, 3), new PageRequest(2, 0));
        Paging paging = Paging.of(first, "status=failed");

        assertThat(first.items()).containsExactly(1, 2);
        assertThat(paging.previous()).isEmpty();
        assertThat(paging.next()).hasValue("?status=failed&limit=2&offset=2");
        assertThat(paging.current()).isEqualTo("status=failed&limit=2&offset=0");
        assertThat(paging.total()).isEmpty();

        Paging last = Paging.of(Slice.of(List.of(5), new PageRequest(2, 4)), "");
        assertThat(last.next()).isEmpty();
        assertThat(last.previous()).hasValue("?limit=2&offset=2");
        assertThat(last.first()).isEqualTo(5);
        assertThat(last.last()).isEqualTo(5);
    }

    @Test
    void aCountedPageKnowsItsTotal() {
        Paging paging = Paging.of(new Page<>(List.of("a", "b"), 3, 2, 0), "");

        assertThat(paging.total()).hasValue(3);
        assertThat(paging.next()).hasValue("?limit=2&offset=2");
    }
}
