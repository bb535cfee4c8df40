package io.kubezap.session.engine.cobalt;

import it.auties.curve25519.Curve25519;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static io.kubezap.session.engine.cobalt.TestBytes.concat;
import static io.kubezap.session.engine.cobalt.TestBytes.random;
import static org.assertj.core.api.Assertions.assertThat;

/** Plays the phone's side of pairing-code linking against the companion's cryptography. */
class LinkCodeCipherTest {

    private final LinkingCode code = LinkingCode.random();
    private final byte[] companionEphemeralPrivate = Curve25519.randomPrivateKey();
    private final byte[] companionIdentityPrivate = Curve25519.randomPrivateKey();
    private final byte[] primaryEphemeralPrivate = Curve25519.randomPrivateKey();
    private final byte[] primaryIdentityPrivate = Curve25519.randomPrivateKey();

    @Test
    void phoneWithTheSameCodeRecoversTheCompanionsEphemeralKey() {
        var publicKey = Curve25519.getPublicKey(companionEphemeralPrivate);

        var wrapped = LinkCodeCipher.wrapPublicKey(code, publicKey, random(32), random(16));

        assertThat(wrapped).hasSize(80);
        assertThat(LinkCodeCipher.unwrapPublicKey(code, wrapped)).isEqualTo(publicKey);
    }

    @Test
    void aDifferentCodeRecoversGarbage() {
        var publicKey = Curve25519.getPublicKey(companionEphemeralPrivate);
        var wrapped = LinkCodeCipher.wrapPublicKey(code, publicKey, random(32), random(16));

        var otherCode = new LinkingCode(code.value().equals("AAAAAAAA") ? "BBBBBBBB" : "AAAAAAAA");

        assertThat(LinkCodeCipher.unwrapPublicKey(otherCode, wrapped)).isNotEqualTo(publicKey);
    }

    @Test
    void phoneOpensTheKeyBundleAndDerivesTheSameAdvSecret() {
        var companionIdentityPublic = Curve25519.getPublicKey(companionIdentityPrivate);
        var primaryIdentityPublic = Curve25519.getPublicKey(primaryIdentityPrivate);
        var primaryWrapped = LinkCodeCipher.wrapPublicKey(code, Curve25519.getPublicKey(primaryEphemeralPrivate),
                random(32), random(16));
        var advRandom = random(32);

        var bundle = LinkCodeCipher.keyBundle(companionEphemeralPrivate, LinkCodeCipher.unwrapPublicKey(code, primaryWrapped),
                companionIdentityPublic, companionIdentityPrivate, primaryIdentityPublic, advRandom, random(32), random(12));

        var phoneShared = Curve25519.sharedKey(Curve25519.getPublicKey(companionEphemeralPrivate), primaryEphemeralPrivate);
        var opened = LinkCodeCipher.openKeyBundle(phoneShared, bundle.wrapped());
        assertThat(Arrays.copyOfRange(opened, 0, 32)).isEqualTo(companionIdentityPublic);
        assertThat(Arrays.copyOfRange(opened, 32, 64)).isEqualTo(primaryIdentityPublic);
        assertThat(Arrays.copyOfRange(opened, 64, 96)).isEqualTo(advRandom);

        var phoneIdentityShared = Curve25519.sharedKey(companionIdentityPublic, primaryIdentityPrivate);
        var phoneAdvSecret = LinkCodeCipher.hkdf(concat(phoneShared, phoneIdentityShared, advRandom), new byte[0],
                "adv_secret".getBytes());
        assertThat(bundle.advSecret()).hasSize(32).isEqualTo(phoneAdvSecret);
    }

    @Test
    void hkdfMatchesRfc5869TestCaseOne() {
        var hex = HexFormat.of();
        var okm = LinkCodeCipher.hkdf(hex.parseHex("0b".repeat(22)), hex.parseHex("000102030405060708090a0b0c"),
                hex.parseHex("f0f1f2f3f4f5f6f7f8f9"));

        assertThat(hex.formatHex(okm)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
    }
}
