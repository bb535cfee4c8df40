package io.kubezap.simulator.signal;

import io.kubezap.simulator.noise.Crypto;
import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

/**
 * A pre-key message ({@code pkmsg}): version byte, then protobuf with the one-time
 * pre-key id (1), base key (2), identity key (3), inner Signal message (4), registration id (5)
 * and signed pre-key id (6).
 */
public record PreKeyMessage(Integer preKeyId, byte[] baseKey, byte[] identityKey, byte[] signalMessage,
                            int registrationId, int signedPreKeyId) {
    private static final byte VERSION = 0x33;

    public static PreKeyMessage parse(byte[] serialized) {
        if (serialized.length < 2 || serialized[0] != VERSION) {
            throw new IllegalArgumentException("Not a version 3 pre-key message");
        }
        var body = ProtobufReader.read(serialized, 1, serialized.length - 1);
        return new PreKeyMessage(
                body.uint32(1).orElse(null),
                body.bytes(2).orElseThrow(() -> new IllegalArgumentException("No base key")),
                body.bytes(3).orElseThrow(() -> new IllegalArgumentException("No identity key")),
                body.bytes(4).orElseThrow(() -> new IllegalArgumentException("No inner message")),
                body.uint32(5).orElse(0),
                body.uint32(6).orElseThrow(() -> new IllegalArgumentException("No signed pre-key id")));
    }

    /** As it goes on the wire: the version byte, then the protobuf. */
    public byte[] serialized() {
        var body = new ProtobufWriter();
        if (preKeyId != null) {
            body.uint32(1, preKeyId);
        }
        body.bytes(2, baseKey).bytes(3, identityKey).bytes(4, signalMessage).uint32(5, registrationId).uint32(6, signedPreKeyId);
        return Crypto.concat(new byte[]{VERSION}, body.toByteArray());
    }

    /** The same pre-key message carrying {@code inner} as its Signal message. */
    public PreKeyMessage carrying(byte[] inner) {
        return new PreKeyMessage(preKeyId, baseKey, identityKey, inner, registrationId, signedPreKeyId);
    }
}
