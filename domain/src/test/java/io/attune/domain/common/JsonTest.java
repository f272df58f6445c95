package io.attune.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    @SuppressWarnings("unchecked")
    void aCopyIsDeepAndUnmodifiableAndEqualToItsSource() {
        List<Object> list = new ArrayList<>(List.of(1, 2));
        Map<String, Object> inner = new LinkedHashMap<>(Map.of("k", "v"));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("list", list);
        source.put("inner", inner);
        source.put("none", null);

        Map<String, Object> copy = Json.copyObject(source);
        list.add(3);
        inner.put("k", "changed");

        assertThat(copy).containsOnlyKeys("list", "inner", "none").containsEntry("list", List.of(1, 2))
                .containsEntry("inner", Map.of("k", "v"));
        assertThat(copy.keySet()).containsExactly("list", "inner", "none");
        assertThatThrownBy(() -> copy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) copy.get("list")).add(4)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<String, Object>) copy.get("inner")).clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new LinkedHashMap<>(Map.of("list", List.of(1, 2)))).isEqualTo(Json.copyObject(Map.of("list", List.of(1, 2))));
        assertThat(Json.copyObject(Map.of("list", List.of(1, 2))).hashCode()).isEqualTo(Map.of("list", List.of(1, 2)).hashCode());
    }

    @Test
    void copyingACopyGivesItBackAndOnlyCopiesAreFrozen() {
        Map<String, Object> copy = Json.copyObject(Map.of("list", List.of(1, 2)));

        assertThat(Json.copyObject(copy)).isSameAs(copy);
        assertThat(Json.copyValue(copy.get("list"))).isSameAs(copy.get("list"));
        assertThat(Json.isFrozen(copy)).isTrue();
        assertThat(Json.isFrozen(copy.get("list"))).isTrue();
        assertThat(Json.isFrozen("text")).isTrue();
        assertThat(Json.isFrozen(new LinkedHashMap<>())).isFalse();
        assertThat(Json.isFrozen(List.of(1))).isFalse(); // unmodifiable, but it may hold a modifiable value
    }
}
