package io.attune.application.contract;

import static io.attune.application.contract.CatalogSamples.action;
import static io.attune.application.contract.CatalogSamples.bareAction;
import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.domain.action.Action;
import io.attune.domain.action.RunnerType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every ActionRepository must do: give back what a pack installed, field for field, and list it in ref order. */
public abstract class ActionRepositoryContract extends StorageContract {

    protected abstract PackRepository packs();

    protected abstract ActionRepository actions();

    @Test
    void findReturnsEveryFieldOfTheStoredAction() {
        Action full = action("demo.greet");
        Action bare = bareAction("demo.noop");
        write(() -> packs().replace(content("demo").with(full, bare).build()));

        assertThat(read(() -> actions().find(full.ref()))).contains(full);
        assertThat(read(() -> actions().find(bare.ref()))).contains(bare);
    }

    @Test
    void findReturnsEmptyForAnUnknownRef() {
        write(() -> packs().replace(content("demo").with(action("demo.greet")).build()));

        assertThat(read(() -> actions().find(ref("demo.other")))).isEmpty();
        assertThat(read(() -> actions().find(ref("other.greet")))).isEmpty();
    }

    @Test
    void listOrdersByRefAsJavaComparesStringsOnePageAtATimeWithTheTotal() {
        write(() -> packs().replace(content("demo").with(
                action("demo.ab"), action("demo.a_b"), action("demo.a1"), action("demo.a-b")).build()));
        write(() -> packs().replace(content("beta").with(action("beta.z")).build()));

        Page<Action> first = read(() -> actions().list(ComponentFilter.any(), new PageRequest(3, 0)));
        Page<Action> second = read(() -> actions().list(ComponentFilter.any(), new PageRequest(3, 3)));

        assertThat(first.items()).extracting(a -> a.ref().toString()).containsExactly("beta.z", "demo.a-b", "demo.a1");
        assertThat(second.items()).extracting(a -> a.ref().toString()).containsExactly("demo.a_b", "demo.ab");
        assertThat(first.total()).isEqualTo(5);
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.limit()).isEqualTo(3);
        assertThat(second.offset()).isEqualTo(3);
    }

    @Test
    void listFiltersByPackAndByRunner() {
        write(() -> packs().replace(content("demo").with(
                action("demo.sh"), action("demo.py", RunnerType.PYTHON), bareAction("demo.internal")).build()));
        write(() -> packs().replace(content("ops").with(
                action("ops.py", RunnerType.PYTHON), action("ops.js", RunnerType.NODE)).build()));

        assertThat(refs(new ComponentFilter(Optional.of("ops"), Optional.empty()))).containsExactly("ops.js", "ops.py");
        assertThat(refs(new ComponentFilter(Optional.empty(), Optional.of("python")))).containsExactly("demo.py", "ops.py");
        assertThat(refs(new ComponentFilter(Optional.of("demo"), Optional.of("python")))).containsExactly("demo.py");
        assertThat(refs(new ComponentFilter(Optional.of("demo"), Optional.of("node")))).isEmpty();
        assertThat(refs(new ComponentFilter(Optional.of("nothing"), Optional.empty()))).isEmpty();
        assertThat(read(() -> actions().list(new ComponentFilter(Optional.empty(), Optional.of("python")),
                new PageRequest(1, 0))).total()).isEqualTo(2);
    }

    private List<String> refs(ComponentFilter filter) {
        return read(() -> actions().list(filter, PageRequest.defaults())).items().stream()
                .map(a -> a.ref().toString()).toList();
    }
}
