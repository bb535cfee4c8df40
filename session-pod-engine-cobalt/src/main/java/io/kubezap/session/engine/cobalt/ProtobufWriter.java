package io.kubezap.session.engine.cobalt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few protobuf fields the messages this adapter writes itself need (those Cobalt 0.0.10 does not model): varints
 * and length-delimited bytes, in call order. A null string is left out, as protobuf leaves out an unset field.
 */
final class ProtobufWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtobufWriter varint(int field, long value) {
        raw((long) field << 3);
        raw(value);
        return this;
    }

    ProtobufWriter bytes(int field, byte[] value) {
        raw(((long) field << 3) | 2);
        raw(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtobufWriter string(int field, String value) {
        return value == null ? this : bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private void raw(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
