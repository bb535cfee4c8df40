package io.kubezap.simulator.noise;

import io.kubezap.simulator.protobuf.ProtobufWriter;
import it.auties.curve25519.Curve25519;

import java.time.Duration;
import java.time.Instant;

/**
 * The certificate chain a WhatsApp server sends in its Noise server hello, as clients that check it
 * (whatsmeow, Baileys) verify it: a {@code CertChain} protobuf of two {@code NoiseCertificate}s
 * ({@code details} bytes and a 64-byte XEdDSA {@code signature} over them). The intermediate's
 * details (serial, issuerSerial 0, its Curve25519 key, notBefore/notAfter in Unix seconds) are signed
 * by the root key; the leaf's (issuerSerial = the intermediate's serial, key = the server's static
 * Noise key) by the intermediate's key. WhatsApp's clients pin WhatsApp's root public key; the
 * simulator generates its own root at start and publishes the public half.
 */
public final class NoiseCertificateChain {
    /** The issuer serial clients expect on the intermediate: the root's. */
    public static final int ROOT_SERIAL = 0;
    private static final int INTERMEDIATE_SERIAL = 1;
    private static final int LEAF_SERIAL = 2;

    private final byte[] rootPublicKey;
    private final byte[] encoded;

    private NoiseCertificateChain(byte[] rootPublicKey, byte[] encoded) {
        this.rootPublicKey = rootPublicKey;
        this.encoded = encoded;
    }

    /** A new root and intermediate, and a leaf for {@code serverStaticKey}, valid from {@code now} for {@code validity}. */
    public static NoiseCertificateChain issue(byte[] serverStaticKey, Instant now, Duration validity) {
        var rootPrivate = Curve25519.randomPrivateKey();
        var intermediatePrivate = Curve25519.randomPrivateKey();
        var notBefore = now.minus(Duration.ofMinutes(5)).getEpochSecond();
        var notAfter = now.plus(validity).getEpochSecond();
        var intermediate = certificate(rootPrivate,
                details(INTERMEDIATE_SERIAL, ROOT_SERIAL, Curve25519.getPublicKey(intermediatePrivate), notBefore, notAfter));
        var leaf = certificate(intermediatePrivate, details(LEAF_SERIAL, INTERMEDIATE_SERIAL, serverStaticKey, notBefore, notAfter));
        var chain = new ProtobufWriter().message(1, leaf).message(2, intermediate).toByteArray();
        return new NoiseCertificateChain(Curve25519.getPublicKey(rootPrivate), chain);
    }

    private static byte[] details(int serial, int issuerSerial, byte[] key, long notBefore, long notAfter) {
        return new ProtobufWriter().uint32(1, serial).uint32(2, issuerSerial).bytes(3, key)
                .uint64(4, notBefore).uint64(5, notAfter).toByteArray();
    }

    private static ProtobufWriter certificate(byte[] issuerPrivateKey, byte[] details) {
        return new ProtobufWriter().bytes(1, details).bytes(2, Curve25519.sign(issuerPrivateKey, details));
    }

    /** The 32-byte Curve25519 public key that verifies the intermediate: what a client must pin instead of WhatsApp's. */
    public byte[] rootPublicKey() {
        return rootPublicKey.clone();
    }

    /** The serialized {@code CertChain}, the server hello's payload. */
    public byte[] encoded() {
        return encoded.clone();
    }
}
