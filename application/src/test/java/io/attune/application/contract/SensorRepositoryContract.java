package io.attune.application.contract;

import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.ref;
import static io.attune.application.contract.CatalogSamples.sensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.SensorRepository;
import io.attune.domain.action.RunnerType;
import io.attune.domain.sensor.Sensor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every SensorRepository must do: give back what a pack installed (triggers in order) and list it by ref. */
public abstract class SensorRepositoryContract extends StorageContract {

    protected abstract PackRepository packs();

    protected abstract SensorRepository sensors();

    @Test
    void findReturnsEveryFieldOfTheStoredSensorWithItsTriggersInOrder() {
        Sensor full = sensor("demo.watch", RunnerType.PYTHON, "demo.zulu", "core.webhook", "demo.alpha");
        Sensor bare = new Sensor(ref("demo.bare"), null, RunnerType.SHELL, "bare.sh", null, null, false);
        write(() -> packs().replace(content("demo").with(full, bare).build()));

        assertThat(read(() -> sensors().find(full.ref()))).contains(full);
        assertThat(read(() -> sensors().find(bare.ref()))).contains(bare);
        assertThat(read(() -> sensors().find(ref("demo.unknown")))).isEmpty();
    }

    @Test
    void listOrdersByRefAndFiltersByPackAndByRunner() {
        write(() -> packs().replace(content("demo").with(
                sensor("demo.b", RunnerType.PYTHON), sensor("demo.a", RunnerType.SHELL)).build()));
        write(() -> packs().replace(content("ops").with(sensor("ops.a", RunnerType.PYTHON)).build()));

        Page<Sensor> first = read(() -> sensors().list(ComponentFilter.any(), new PageRequest(2, 0)));

        assertThat(first.items()).extracting(s -> s.ref().toString()).containsExactly("demo.a", "demo.b");
        assertThat(first.total()).isEqualTo(3);
        assertThat(refs(new ComponentFilter(Optional.of("demo"), Optional.empty()))).containsExactly("demo.a", "demo.b");
        assertThat(refs(new ComponentFilter(Optional.empty(), Optional.of("python")))).containsExactly("demo.b", "ops.a");
        assertThat(refs(new ComponentFilter(Optional.of("ops"), Optional.of("shell")))).isEmpty();
    }

    private List<String> refs(ComponentFilter filter) {
        return read(() -> sensors().list(filter, PageRequest.defaults())).items().stream()
                .map(s -> s.ref().toString()).toList();
    }
}
