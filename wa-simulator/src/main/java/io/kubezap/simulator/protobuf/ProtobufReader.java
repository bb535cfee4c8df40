package io.kubezap.simulator.protobuf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Just enough protobuf to read Signal's and WhatsApp's small messages: varint and length-delimited fields. */
public final class ProtobufReader {
    private final Map<Integer, Long> varints = new HashMap<>();
    private final Map<Integer, byte[]> bytes = new HashMap<>();

    private ProtobufReader() {
    }

    /** Reads the message's top-level fields (the last occurrence of a field wins). */
    public static ProtobufReader read(byte[] message, int offset, int length) {
        var reader = new ProtobufReader();
        var position = new int[]{offset};
        var end = offset + length;
        while (position[0] < end) {
            var tag = varint(message, position);
            var field = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> reader.varints.put(field, varint(message, position));
                case 1 -> position[0] += 8;
                case 2 -> {
                    var size = (int) varint(message, position);
                    if (size < 0 || position[0] + size > end) {
                        throw new IllegalArgumentException("Truncated protobuf field " + field);
                    }
                    var value = new byte[size];
                    System.arraycopy(message, position[0], value, 0, size);
                    reader.bytes.put(field, value);
                    position[0] += size;
                }
                case 5 -> position[0] += 4;
                default -> throw new IllegalArgumentException("Unsupported protobuf wire type in field " + field);
            }
        }
        return reader;
    }

    public static ProtobufReader read(byte[] message) {
        return read(message, 0, message.length);
    }

    public Optional<Integer> uint32(int field) {
        return Optional.ofNullable(varints.get(field)).map(Long::intValue);
    }

    public Optional<Long> uint64(int field) {
        return Optional.ofNullable(varints.get(field));
    }

    public Optional<Boolean> bool(int field) {
        return Optional.ofNullable(varints.get(field)).map(value -> value != 0);
    }

    public Optional<String> string(int field) {
        return bytes(field).map(value -> new String(value, StandardCharsets.UTF_8));
    }

    public Optional<byte[]> bytes(int field) {
        return Optional.ofNullable(bytes.get(field));
    }

    private static long varint(byte[] message, int[] position) {
        long result = 0;
        for (var shift = 0; shift < 64; shift += 7) {
            if (position[0] >= message.length) {
                throw new IllegalArgumentException("Truncated varint");
            }
            var current = message[position[0]++];
            result |= (long) (current & 0x7F) << shift;
            if ((current & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("Varint too long");
    }
}
