package io.kubezap.simulator.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Just enough protobuf to write Signal's and WhatsApp's small messages: varints, fixed32s, doubles and byte fields, in call order. */
public final class ProtobufWriter {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    public ProtobufWriter uint32(int field, int value) {
        tag(field, VARINT);
        varint(Integer.toUnsignedLong(value));
        return this;
    }

    /** Also for {@code int64} fields holding non-negative values (timestamps). */
    public ProtobufWriter uint64(int field, long value) {
        tag(field, VARINT);
        varint(value);
        return this;
    }

    public ProtobufWriter doubleValue(int field, double value) {
        tag(field, FIXED64);
        var bits = Double.doubleToLongBits(value);
        for (var i = 0; i < 8; i++) {
            output.write((int) (bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** A {@code fixed32} field (e.g. an ARGB colour). */
    public ProtobufWriter fixed32(int field, int value) {
        tag(field, FIXED32);
        for (var i = 0; i < 4; i++) {
            output.write((value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    public ProtobufWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        output.writeBytes(value);
        return this;
    }

    public ProtobufWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** An embedded message. */
    public ProtobufWriter message(int field, ProtobufWriter message) {
        return bytes(field, message.toByteArray());
    }

    public byte[] toByteArray() {
        return output.toByteArray();
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        while ((value & ~0x7FL) != 0) {
            output.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        output.write((int) value);
    }
}
