package it.auties.whatsapp.io;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.util.Strings;

import java.util.List;
import java.util.Map;

/**
 * Replaces Cobalt 0.0.10's {@code BinaryLength} (same package and {@code sizeOf}; the original is removed from Cobalt's
 * jar by the application's class loading, or shadowed on a test class path): the exact number of bytes Cobalt's
 * {@code BinaryEncoder} writes for a node. Cobalt's counts a JID's server as one byte, right only for servers that are
 * single-byte tokens; {@code newsletter} is no token at all, so every stanza naming a channel (the ack and receipt Cobalt
 * sends for each channel message among them) overflowed its buffer, or went out truncated and broke the connection.
 */
public final class BinaryLength {
    private static final int BYTE_LIMIT = 256;
    private static final int SHORT_LIMIT = 65536;
    private static final int INT_20_LIMIT = 1 << 20;

    private BinaryLength() {
    }

    /** The encoded size of a whole message: its leading flags byte and the node. */
    public static int sizeOf(Node node) {
        return 1 + node(node);
    }

    private static int node(Node node) {
        var size = list(node.size()) + string(node.description());
        size += node.attributes().stream().mapToInt(BinaryLength::attribute).sum();
        return node.hasContent() ? size + content(node.content()) : size;
    }

    private static int attribute(Map.Entry<String, Object> entry) {
        return string(entry.getKey()) + content(entry.getValue());
    }

    private static int content(Object content) {
        return switch (content) {
            case null -> 1;
            case String text -> string(text);
            case byte[] bytes -> binary(bytes.length) + bytes.length;
            case Boolean bool -> string(bool.toString());
            case Number number -> string(number.toString());
            case Enum<?> constant -> string(constant.toString());
            case Jid jid -> jid(jid);
            case List<?> children -> list(children.size()) + children.stream().mapToInt(child -> node((Node) child)).sum();
            default -> throw new RuntimeException("Invalid payload type");
        };
    }

    /** A token is one byte, or two from a dictionary; anything else is its UTF-8 bytes with a binary length. */
    private static int string(String text) {
        if (text.isEmpty()) {
            return 2;
        }
        if (BinaryTokens.SINGLE_BYTE_TOKENS.indexOf(text) != -1) {
            return 1;
        }
        for (var dictionary : List.of(BinaryTokens.DICTIONARY_0_TOKENS, BinaryTokens.DICTIONARY_1_TOKENS,
                BinaryTokens.DICTIONARY_2_TOKENS, BinaryTokens.DICTIONARY_3_TOKENS)) {
            if (dictionary.indexOf(text) != -1) {
                return 2;
            }
        }
        var length = Strings.utf8Length(text);
        return binary(length) + length;
    }

    private static int binary(long length) {
        if (length < BYTE_LIMIT) {
            return 2;
        }
        return length < INT_20_LIMIT ? 4 : 5;
    }

    private static int list(int size) {
        if (size < BYTE_LIMIT) {
            return 2;
        }
        if (size < SHORT_LIMIT) {
            return 3;
        }
        throw new IllegalArgumentException("Cannot write list: overflow");
    }

    /** A companion: tag, agent, device and user; else the pair tag, the user (or an empty list) and the server. */
    private static int jid(Jid jid) {
        if (jid.isCompanion()) {
            return 3 + string(jid.user());
        }
        return 1 + (jid.hasUser() ? string(jid.user()) : 1) + string(jid.server().address());
    }
}
