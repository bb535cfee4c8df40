package io.kubezap.simulator.binary;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Attributes;
import it.auties.whatsapp.model.node.Node;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.InflaterInputStream;

/**
 * WhatsApp's binary XML (the public format whatsmeow and Baileys implement): a flags byte (bit 2 =
 * zlib-compressed), then a node as a list of description, attribute pairs and optional content;
 * strings as dictionary tokens, packed nibbles/hex, JIDs, or raw bytes. Parameterised by the
 * {@link NodeDictionary} the connection's prologue chose; nodes are Cobalt's {@link Node} model.
 */
public final class NodeCodec {
    private static final int LIST_EMPTY = 0;
    private static final int DICTIONARY_0 = 236;
    private static final int AD_JID = 247;
    private static final int LIST_8 = 248;
    private static final int LIST_16 = 249;
    private static final int JID_PAIR = 250;
    private static final int HEX_8 = 251;
    private static final int BINARY_8 = 252;
    private static final int BINARY_20 = 253;
    private static final int BINARY_32 = 254;
    private static final int NIBBLE_8 = 255;
    private static final String NIBBLES = "0123456789-.";
    private static final String HEX = "0123456789ABCDEF";
    private static final int COMPRESSED = 2;

    private final NodeDictionary dictionary;

    public NodeCodec(NodeDictionary dictionary) {
        this.dictionary = dictionary;
    }

    public NodeDictionary dictionary() {
        return dictionary;
    }

    public byte[] encode(Node node) {
        var output = new ByteArrayOutputStream();
        output.write(0);
        writeNode(output, node);
        return output.toByteArray();
    }

    public Node decode(byte[] frame) {
        try {
            var raw = new ByteArrayInputStream(frame);
            var flags = raw.read();
            InputStream body = (flags & COMPRESSED) == 0 ? raw : new InflaterInputStream(raw);
            return readNode(new DataInputStream(body));
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    // ---- writing ----

    private void writeNode(ByteArrayOutputStream output, Node node) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        node.attributes().toMap().forEach((key, value) -> {
            if (value != null) {
                attributes.put(key, value);
            }
        });
        var content = node.content();
        writeListStart(output, 1 + 2 * attributes.size() + (content == null ? 0 : 1));
        writeString(output, node.description());
        attributes.forEach((key, value) -> {
            writeString(output, key);
            writeValue(output, value);
        });
        if (content != null) {
            writeValue(output, content);
        }
    }

    private void writeValue(ByteArrayOutputStream output, Object value) {
        switch (value) {
            case String text -> writeString(output, text);
            case byte[] bytes -> writeBytes(output, bytes);
            case Jid jid -> writeJid(output, jid);
            case List<?> children -> {
                writeListStart(output, children.size());
                children.forEach(child -> writeNode(output, (Node) child));
            }
            case Node child -> {
                writeListStart(output, 1);
                writeNode(output, child);
            }
            default -> writeString(output, String.valueOf(value));
        }
    }

    private static void writeListStart(ByteArrayOutputStream output, int size) {
        if (size == 0) {
            output.write(LIST_EMPTY);
        } else if (size < 256) {
            output.write(LIST_8);
            output.write(size);
        } else {
            output.write(LIST_16);
            output.write(size >> 8);
            output.write(size);
        }
    }

    private void writeString(ByteArrayOutputStream output, String text) {
        var single = dictionary.singleByteIndex(text);
        if (single.isPresent()) {
            output.write(single.get());
            return;
        }
        var twoBytes = dictionary.doubleByteIndex(text);
        if (twoBytes.isPresent()) {
            output.write(DICTIONARY_0 + twoBytes.get()[0]);
            output.write(twoBytes.get()[1]);
            return;
        }
        writeBytes(output, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(ByteArrayOutputStream output, byte[] bytes) {
        var length = bytes.length;
        if (length < 256) {
            output.write(BINARY_8);
            output.write(length);
        } else if (length < 1 << 20) {
            output.write(BINARY_20);
            output.write(length >> 16 & 0x0F);
            output.write(length >> 8);
            output.write(length);
        } else {
            output.write(BINARY_32);
            output.write(length >> 24);
            output.write(length >> 16);
            output.write(length >> 8);
            output.write(length);
        }
        output.writeBytes(bytes);
    }

    private void writeJid(ByteArrayOutputStream output, Jid jid) {
        if (jid.device() > 0 || jid.agent() > 0) {
            output.write(AD_JID);
            output.write(JidDomain.of(jid));
            output.write(jid.device());
            writeString(output, jid.user());
            return;
        }
        output.write(JID_PAIR);
        if (jid.hasUser()) {
            writeString(output, jid.user());
        } else {
            output.write(LIST_EMPTY);
        }
        writeString(output, jid.server().address());
    }

    // ---- reading ----

    private Node readNode(DataInputStream input) throws IOException {
        var size = readListSize(input, input.readUnsignedByte());
        if (size == 0) {
            throw new IllegalArgumentException("A node cannot be an empty list");
        }
        var description = readString(input);
        var attributes = new LinkedHashMap<String, Object>();
        for (var pair = 0; pair < (size - 1) / 2; pair++) {
            attributes.put(readString(input), readValue(input, false));
        }
        var content = size % 2 == 0 ? readValue(input, true) : null;
        return new Node(description, new Attributes(attributes), content);
    }

    private static int readListSize(DataInputStream input, int tag) throws IOException {
        return switch (tag) {
            case LIST_EMPTY -> 0;
            case LIST_8 -> input.readUnsignedByte();
            case LIST_16 -> input.readUnsignedShort();
            default -> throw new IllegalArgumentException("Expected a list, got tag " + tag);
        };
    }

    private String readString(DataInputStream input) throws IOException {
        var value = readValue(input, false);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("Expected a string, got " + value);
        }
        return (String) value;
    }

    /** A string, JID, list of nodes or (as content) raw bytes. */
    private Object readValue(DataInputStream input, boolean asContent) throws IOException {
        var tag = input.readUnsignedByte();
        if (tag == LIST_EMPTY) {
            return null;
        }
        if (tag < dictionary.singleByteLimit()) {
            return dictionary.singleByte(tag);
        }
        if (tag >= DICTIONARY_0 && tag < DICTIONARY_0 + 4) {
            return dictionary.doubleByte(tag - DICTIONARY_0, input.readUnsignedByte());
        }
        return switch (tag) {
            case LIST_8, LIST_16 -> {
                var size = readListSize(input, tag);
                var children = new ArrayList<Node>(size);
                for (var index = 0; index < size; index++) {
                    children.add(readNode(input));
                }
                yield children;
            }
            case JID_PAIR -> {
                var user = readString(input);
                var server = JidServer.of(readString(input));
                yield user == null ? Jid.of(server) : Jid.of(user, server);
            }
            case AD_JID -> {
                var domain = input.readUnsignedByte();
                var device = input.readUnsignedByte();
                yield JidDomain.jid(readString(input), domain, device);
            }
            case NIBBLE_8 -> readPacked(input, NIBBLES);
            case HEX_8 -> readPacked(input, HEX);
            case BINARY_8 -> binary(input, input.readUnsignedByte(), asContent);
            case BINARY_20 -> binary(input, (input.readUnsignedByte() & 0x0F) << 16 | input.readUnsignedShort(), asContent);
            case BINARY_32 -> binary(input, input.readInt(), asContent);
            default -> throw new IllegalArgumentException("Unknown tag " + tag + " in dictionary " + dictionary.version());
        };
    }

    private static Object binary(DataInputStream input, int length, boolean asContent) throws IOException {
        var bytes = new byte[length];
        input.readFully(bytes);
        return asContent ? bytes : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String readPacked(DataInputStream input, String alphabet) throws IOException {
        var header = input.readUnsignedByte();
        var oddLength = (header & 0x80) != 0;
        var bytes = header & 0x7F;
        var text = new StringBuilder(bytes * 2);
        for (var index = 0; index < bytes; index++) {
            var packed = input.readUnsignedByte();
            text.append(unpack(alphabet, packed >> 4));
            text.append(unpack(alphabet, packed & 0x0F));
        }
        if (oddLength) {
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }

    private static char unpack(String alphabet, int nibble) {
        if (nibble >= alphabet.length()) {
            if (nibble == 15) {
                return '\0';
            }
            throw new IllegalArgumentException("Invalid packed nibble " + nibble);
        }
        return alphabet.charAt(nibble);
    }
}
