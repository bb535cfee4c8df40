package io.kubezap.simulator.noise;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class X25519Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void agreesWithTheRfc7748DiffieHellmanVector() {
        var alicePrivate = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        var alicePublic = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        var bobPrivate = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        var bobPublic = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        var shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

        assertThat(HEX.formatHex(X25519.sharedSecret(alicePrivate, bobPublic))).isEqualTo(shared);
        assertThat(HEX.formatHex(X25519.sharedSecret(bobPrivate, alicePublic))).isEqualTo(shared);
    }

    @Test
    void generatedKeysAgreeWithEachOther() {
        var first = X25519.generate();
        var second = X25519.generate();

        assertThat(first.publicKey()).hasSize(32);
        assertThat(X25519.sharedSecret(first.privateKey(), second.publicKey()))
                .isEqualTo(X25519.sharedSecret(second.privateKey(), first.publicKey()));
    }
}
