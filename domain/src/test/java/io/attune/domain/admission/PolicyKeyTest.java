package io.attune.domain.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.domain.common.Ref;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PolicyKeyTest {

    private static final Ref POLICY = Ref.parse("limits.per_user");

    @Test
    void writesTheAttributeValuesInAttributeOrderAsJson() {
        Map<String, Object> parameters = Map.of("region", "eu", "name", "ada", "unused", 1);

        assertThat(PolicyKey.of(POLICY, List.of("name", "region"), parameters).key())
                .isEqualTo("name=\"ada\",region=\"eu\"");
        assertThat(PolicyKey.of(POLICY, List.of(), parameters).key()).isEmpty();
    }

    @Test
    void aMissingParameterIsItsOwnValue() {
        PolicyKey missing = PolicyKey.of(POLICY, List.of("name"), Map.of());
        Map<String, Object> explicitNull = new HashMap<>();
        explicitNull.put("name", null);

        assertThat(missing.key()).isEqualTo("name=null");
        assertThat(PolicyKey.of(POLICY, List.of("name"), explicitNull)).isEqualTo(missing);
        assertThat(PolicyKey.of(POLICY, List.of("name"), Map.of("name", "null"))).isNotEqualTo(missing);
    }

    @Test
    void valuesAreCanonical() {
        assertThat(key(1)).isEqualTo(key(1L)).isEqualTo(key(1.0)).isEqualTo(key(new BigDecimal("1.00")))
                .isEqualTo("n=1");
        assertThat(key(-0.0)).isEqualTo(key(0)).isEqualTo("n=0");
        assertThat(key(0.5)).isEqualTo("n=0.5");
        assertThat(key("1")).isEqualTo("n=\"1\"");
        assertThat(key(true)).isEqualTo("n=true");
        assertThat(key("say \"hi\",\n")).isEqualTo("n=\"say \\\"hi\\\",\\n\"");
        assertThat(key(List.of(1, "a"))).isEqualTo("n=[1,\"a\"]");
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", List.of());
        assertThat(key(ba)).isEqualTo("n={\"a\":[],\"b\":2}");
    }

    @Test
    void ordersByPolicyThenKey() {
        PolicyKey a = new PolicyKey(Ref.parse("aa.z"), "x");
        PolicyKey b = new PolicyKey(Ref.parse("ab.a"), "");
        PolicyKey c = new PolicyKey(Ref.parse("ab.a"), "y");
        List<PolicyKey> keys = new ArrayList<>(List.of(c, b, a));

        Collections.sort(keys);

        assertThat(keys).containsExactly(a, b, c);
        assertThatThrownBy(() -> new PolicyKey(POLICY, null)).isInstanceOf(NullPointerException.class);
    }

    @Property(tries = 200)
    void theKeyDependsOnlyOnTheValuesNotOnMapOrder(@ForAll("objects") Map<String, Object> value) {
        Map<String, Object> reversed = new LinkedHashMap<>();
        new ArrayList<>(value.keySet()).reversed().forEach(k -> reversed.put(k, value.get(k)));

        assertThat(key(reversed)).isEqualTo(key(value));
        assertThat(key(Map.of("wrapped", reversed))).isEqualTo(key(Map.of("wrapped", value)));
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(3).map(s -> (Object) s),
                Arbitraries.integers().between(-5, 5).map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b));
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3), scalars)
                .ofMaxSize(5).map(LinkedHashMap::new);
    }

    private static String key(Object value) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("n", value);
        return PolicyKey.of(POLICY, List.of("n"), parameters).key();
    }
}
