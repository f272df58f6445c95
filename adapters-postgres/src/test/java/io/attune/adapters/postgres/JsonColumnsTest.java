package io.attune.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonColumnsTest {

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    private static int depth(Object value) {
        int depth = 0;
        while (value instanceof Map<?, ?> map && !map.isEmpty()) {
            value = map.get("a");
            depth++;
        }
        return value instanceof Map<?, ?> ? depth + 1 : depth;
    }

    @Test
    void readsValuesAsTheDefaultMapperDoes() {
        Map<String, Object> read = JsonColumns.readObject("{\"i\": 1, \"l\": 12345678901, \"b\": 123456789012345678901,"
                + " \"d\": 1.5, \"t\": true, \"n\": null, \"s\": \"x\", \"a\": [1, {\"k\": []}]}");

        assertThat(read.keySet()).containsExactly("i", "l", "b", "d", "t", "n", "s", "a");
        assertThat(read).containsEntry("i", 1).containsEntry("l", 12345678901L)
                .containsEntry("b", new BigInteger("123456789012345678901")).containsEntry("d", 1.5)
                .containsEntry("t", true).containsEntry("n", null).containsEntry("s", "x")
                .containsEntry("a", List.of(1, Map.of("k", List.of())));
        assertThat(JsonColumns.readArray("[\"x\"]")).containsExactly("x");
        assertThat(JsonColumns.readValue("\"text\"")).contains("text");
    }

    @Test
    void aValueNestedDeeperThanTheLimitIsCutThereWithAMarker() {
        Map<String, Object> deep = JsonColumns.readObject(nested(20_000));

        Object value = deep;
        for (int level = 1; level < JsonColumns.MAX_DEPTH; level++) {
            value = ((Map<?, ?>) value).get("a");
        }
        assertThat(value).isEqualTo(Map.of("a", JsonColumns.TRUNCATED));
        assertThat(depth(JsonColumns.readObject(nested(JsonColumns.MAX_DEPTH)))).isEqualTo(JsonColumns.MAX_DEPTH);
        assertThat(JsonColumns.readArray("[" + nested(JsonColumns.MAX_DEPTH) + "]").get(0))
                .isInstanceOf(Map.class).isNotEqualTo(Map.of());
    }

    @Test
    void whatIsNotTheExpectedJsonIsAPersistenceException() {
        assertThatThrownBy(() -> JsonColumns.readObject("[1]")).isInstanceOf(PersistenceException.class);
        assertThatThrownBy(() -> JsonColumns.readArray("{}")).isInstanceOf(PersistenceException.class);
        assertThatThrownBy(() -> JsonColumns.readValue("{} {}")).isInstanceOf(PersistenceException.class);
        assertThatThrownBy(() -> JsonColumns.readValue("{")).isInstanceOf(PersistenceException.class);
    }
}
