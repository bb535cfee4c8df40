package io.kubezap.simulator.protobuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough protobuf to read Signal's and WhatsApp's small messages: varint, 32-bit, 64-bit (doubles) and length-delimited
 * fields.
 */
public final class ProtobufReader {
    private final Map<Integer, Long> varints = new HashMap<>();
    private final Map<Integer, Long> fixed64s = new HashMap<>();
    private final Map<Integer, Integer> fixed32s = new HashMap<>();
    private final Map<Integer, byte[]> bytes = new HashMap<>();
    private final Map<Integer, List<byte[]>> repeated = new HashMap<>();

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
                case 1 -> {
                    if (position[0] + 8 > end) {
                        throw new IllegalArgumentException("Truncated protobuf field " + field);
                    }
                    reader.fixed64s.put(field, littleEndian(message, position[0], 8));
                    position[0] += 8;
                }
                case 2 -> {
                    var size = (int) varint(message, position);
                    if (size < 0 || position[0] + size > end) {
                        throw new IllegalArgumentException("Truncated protobuf field " + field);
                    }
                    var value = new byte[size];
                    System.arraycopy(message, position[0], value, 0, size);
                    reader.bytes.put(field, value);
                    reader.repeated.computeIfAbsent(field, ignored -> new ArrayList<>()).add(value);
                    position[0] += size;
                }
                case 5 -> {
                    if (position[0] + 4 > end) {
                        throw new IllegalArgumentException("Truncated protobuf field " + field);
                    }
                    reader.fixed32s.put(field, (int) littleEndian(message, position[0], 4));
                    position[0] += 4;
                }
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

    /** Every occurrence of a repeated length-delimited field, in order. */
    public List<byte[]> all(int field) {
        return List.copyOf(repeated.getOrDefault(field, List.of()));
    }

    /** A {@code fixed32} field (e.g. an ARGB colour). */
    public Optional<Integer> fixed32(int field) {
        return Optional.ofNullable(fixed32s.get(field));
    }

    public Optional<Double> doubleValue(int field) {
        return Optional.ofNullable(fixed64s.get(field)).map(Double::longBitsToDouble);
    }

    private static long littleEndian(byte[] message, int offset, int size) {
        long value = 0;
        for (var i = size - 1; i >= 0; i--) {
            value = (value << 8) | (message[offset + i] & 0xFF);
        }
        return value;
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
