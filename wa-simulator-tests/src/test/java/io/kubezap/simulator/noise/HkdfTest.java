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

    @Test
    void matchesRfc5869TestCase1WithSaltAndInfo() {
        var hex = HexFormat.of();
        var inputKeyMaterial = new byte[22];
        Arrays.fill(inputKeyMaterial, (byte) 0x0b);

        var output = Hkdf.derive(hex.parseHex("000102030405060708090a0b0c"), inputKeyMaterial, hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);

        assertThat(hex.formatHex(output)).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }
}
