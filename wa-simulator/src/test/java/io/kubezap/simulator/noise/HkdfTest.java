package io.kubezap.simulator.noise;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class HkdfTest {
    @Test
    void matchesRfc5869TestCase3() {
        var inputKeyMaterial = new byte[22];
        Arrays.fill(inputKeyMaterial, (byte) 0x0b);

        var output = Hkdf.derive(new byte[0], inputKeyMaterial, 42);

        assertThat(HexFormat.of().formatHex(output)).isEqualTo(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }
}
