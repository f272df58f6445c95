package io.attune.domain.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerLabelsTest {

    @Test
    void readsPairsAndBareNamesAndWritesThemByName() {
        Map<String, String> labels = WorkerLabels.parse(" region=eu , gpu,zone=eu-west-1a ");

        assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of("region", "eu", "gpu", "true", "zone", "eu-west-1a"));
        assertThat(WorkerLabels.format(labels)).isEqualTo("gpu=true,region=eu,zone=eu-west-1a");
        assertThat(WorkerLabels.parse("  ")).isEmpty();
    }

    @Test
    void refusesWhatIsNotALabelNamingIt() {
        assertThatThrownBy(() -> WorkerLabels.parse("region=eu,,gpu")).hasMessageContaining("'' is not a label name");
        assertThatThrownBy(() -> WorkerLabels.parse("GPU")).hasMessageContaining("'GPU' is not a label name");
        assertThatThrownBy(() -> WorkerLabels.parse("region=e u")).hasMessageContaining("'e u' (label region)");
        assertThatThrownBy(() -> WorkerLabels.parse("region=")).hasMessageContaining("(label region)");
        assertThatThrownBy(() -> WorkerLabels.parse("a=1,a=2")).hasMessageContaining("label a is given twice");
        assertThatThrownBy(() -> WorkerLabels.parse("a,b,c,d,e,f")).hasMessageContaining("at most 5 labels, got 6");
    }

    @Test
    void aWorkerSatisfiesTheLabelSetsThatAreEachAPartOfItsOwn() {
        Map<String, String> worker = Map.of("region", "eu", "gpu", "true");

        assertThat(WorkerLabels.subsets(worker)).containsExactlyInAnyOrder(Map.of("gpu", "true"),
                Map.of("region", "eu"), Map.of("region", "eu", "gpu", "true"));
        assertThat(WorkerLabels.subsets(Map.of())).isEmpty();
        assertThat(WorkerLabels.satisfies(worker, Map.of("gpu", "true"))).isTrue();
        assertThat(WorkerLabels.satisfies(worker, Map.of())).isTrue();
        assertThat(WorkerLabels.satisfies(worker, Map.of("region", "us"))).isFalse();
        assertThat(WorkerLabels.satisfies(worker, Map.of("gpu", "true", "ssd", "true"))).isFalse();
    }
}
