package io.attune.application.contract;

import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.ref;
import static io.attune.application.contract.CatalogSamples.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.TriggerRepository;
import io.attune.domain.trigger.Trigger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every TriggerRepository must do: give back what a pack installed and list it in ref order, by pack. */
public abstract class TriggerRepositoryContract extends StorageContract {

    protected abstract PackRepository packs();

    protected abstract TriggerRepository triggers();

    @Test
    void findReturnsEveryFieldOfTheStoredTrigger() {
        Trigger full = trigger("demo.alert");
        Trigger bare = new Trigger(ref("demo.bare"), null, null, Map.of());
        write(() -> packs().replace(content("demo").with(full, bare).build()));

        assertThat(read(() -> triggers().find(full.ref()))).contains(full);
        assertThat(read(() -> triggers().find(bare.ref()))).contains(bare);
        assertThat(read(() -> triggers().find(ref("demo.unknown")))).isEmpty();
    }

    @Test
    void listOrdersByRefFiltersByPackAndIgnoresTheRunnerFilter() {
        write(() -> packs().replace(content("demo").with(trigger("demo.b"), trigger("demo.a")).build()));
        write(() -> packs().replace(content("core").with(trigger("core.webhook"), trigger("core.intervaltimer")).build()));

        Page<Trigger> all = read(() -> triggers().list(ComponentFilter.any(), new PageRequest(3, 0)));

        assertThat(all.items()).extracting(t -> t.ref().toString())
                .containsExactly("core.intervaltimer", "core.webhook", "demo.a");
        assertThat(all.total()).isEqualTo(4);
        assertThat(refs(new ComponentFilter(Optional.of("demo"), Optional.empty()))).containsExactly("demo.a", "demo.b");
        assertThat(refs(new ComponentFilter(Optional.of("demo"), Optional.of("python")))).containsExactly("demo.a", "demo.b");
        assertThat(refs(new ComponentFilter(Optional.of("nothing"), Optional.empty()))).isEmpty();
    }

    private List<String> refs(ComponentFilter filter) {
        return read(() -> triggers().list(filter, PageRequest.defaults())).items().stream()
                .map(t -> t.ref().toString()).toList();
    }
}
