package io.attune.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefTest {

    @Test
    void parsesPackAndName() {
        Ref ref = Ref.parse("core.local_script");

        assertThat(ref.pack()).isEqualTo("core");
        assertThat(ref.name()).isEqualTo("local_script");
        assertThat(ref).hasToString("core.local_script");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "core", "core.", ".noop", "Core.noop", "core.No", "a.b.c", "core.no op",
            "core.../etc", "1pack.x", "core.x;drop table", "core.x'--"})
    void refusesAnythingThatIsNotPackDotName(String value) {
        assertThatThrownBy(() -> Ref.parse(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Ref.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pack.name");
    }

    @Test
    void namesMayHoldDigitsUnderscoresAndDashes() {
        assertThat(Ref.parse("my_pack.deploy-v2").name()).isEqualTo("deploy-v2");
    }
}
