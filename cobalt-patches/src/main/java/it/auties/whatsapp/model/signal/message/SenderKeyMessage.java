package it.auties.whatsapp.model.signal.message;

import it.auties.curve25519.Curve25519;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.protobuf.stream.ProtobufOutputStream;

import java.util.Arrays;

/**
 * Replaces Cobalt 0.0.10's {@code SenderKeyMessage} (same package, fields and signatures, so that Cobalt's generated
 * {@code SenderKeyMessageSpec} and its {@code GroupCipher} keep working; the original is removed from Cobalt's jar by
 * the application's class loading, or shadowed on a test class path). Cobalt's class takes the sender key's private
 * signing key and appends no signature, so every group message it sends fails with {@code InternalError}. This one
 * signs the versioned message with that key (Curve25519, 64 bytes), as the Signal group cipher does.
 */
public final class SenderKeyMessage {
    private static final int SIGNATURE_LENGTH = 64;

    private int version;
    final Integer id;
    final Integer iteration;
    final byte[] cipherText;
    private byte[] signature;
    private final byte[] signingKey;

    /** A message to send: {@code signingKey} is the sender key's private signing key. */
    public SenderKeyMessage(int version, Integer id, Integer iteration, byte[] cipherText, byte[] signingKey) {
        this.version = version;
        this.id = id;
        this.iteration = iteration;
        this.cipherText = cipherText;
        this.signingKey = signingKey;
    }

    SenderKeyMessage(int id, int iteration, byte[] cipherText) {
        this.id = id;
        this.iteration = iteration;
        this.cipherText = cipherText;
        this.signingKey = null;
    }

    public static SenderKeyMessage ofSerialized(byte[] serialized) {
        var message = SenderKeyMessageSpec.decode(ProtobufInputStream.fromBytes(serialized, 1, serialized.length - 1 - SIGNATURE_LENGTH));
        message.version = Byte.toUnsignedInt(serialized[0]) >> 4;
        message.signature = Arrays.copyOfRange(serialized, serialized.length - SIGNATURE_LENGTH, serialized.length);
        return message;
    }

    public byte[] serialized() {
        var size = SenderKeyMessageSpec.sizeOf(this);
        var result = new byte[1 + size + SIGNATURE_LENGTH];
        result[0] = serializedVersion();
        SenderKeyMessageSpec.encode(this, ProtobufOutputStream.toBytes(result, 1));
        if (signature == null) {
            if (signingKey == null) {
                throw new IllegalStateException("A received sender key message cannot be serialized without its signature");
            }
            signature = Curve25519.sign(signingKey, Arrays.copyOf(result, 1 + size));
        }
        System.arraycopy(signature, 0, result, 1 + size, SIGNATURE_LENGTH);
        return result;
    }

    public int version() {
        if (version == 0) {
            throw new IllegalStateException("The message has no version");
        }
        return version;
    }

    public byte serializedVersion() {
        return (byte) (version() << 4 | 3);
    }

    public Integer id() {
        return id;
    }

    public Integer iteration() {
        return iteration;
    }

    public byte[] cipherText() {
        return cipherText;
    }
}
