package io.kubezap.simulator.binary;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of the token dictionary WhatsApp's binary nodes are compressed with: up to 235
 * single-byte tokens (byte 0 is the empty list) and four 256-token double-byte dictionaries (tags
 * 236..239). The client names the version in the last byte of its {@code WA} prologue. The tables
 * are data ({@code dictionary-v<N>.json} next to this class), transcribed from the open clients'
 * published tables: version 2 as Baileys used it while its prologue said {@code 57 41 06 02}, version
 * 3 as whatsmeow and Cobalt 0.0.10 use it.
 */
public final class NodeDictionary {
    private static final Map<Integer, NodeDictionary> VERSIONS = Map.of(2, load(2), 3, load(3));

    private final int version;
    private final List<String> singleByte;
    private final List<List<String>> doubleByte;
    private final Map<String, Integer> singleIndex = new HashMap<>();
    private final Map<String, int[]> doubleIndex = new HashMap<>();

    private record Tables(int version, List<String> singleByte, List<List<String>> doubleByte) {
    }

    private NodeDictionary(Tables tables) {
        this.version = tables.version();
        this.singleByte = tables.singleByte();
        this.doubleByte = tables.doubleByte();
        for (var index = 1; index < singleByte.size(); index++) {
            singleIndex.putIfAbsent(singleByte.get(index), index);
        }
        for (var dictionary = 0; dictionary < doubleByte.size(); dictionary++) {
            for (var index = 0; index < doubleByte.get(dictionary).size(); index++) {
                doubleIndex.putIfAbsent(doubleByte.get(dictionary).get(index), new int[]{dictionary, index});
            }
        }
    }

    /** The dictionary a prologue's version byte names, if the server speaks it. */
    public static Optional<NodeDictionary> version(int version) {
        return Optional.ofNullable(VERSIONS.get(version));
    }

    public static java.util.Set<Integer> versions() {
        return new java.util.TreeSet<>(VERSIONS.keySet());
    }

    private static NodeDictionary load(int version) {
        var resource = "dictionary-v" + version + ".json";
        try (var input = NodeDictionary.class.getResourceAsStream(resource)) {
            if (input == null) {
                throw new IllegalStateException("Missing token table " + resource);
            }
            return new NodeDictionary(new ObjectMapper().readValue(input, Tables.class));
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    public int version() {
        return version;
    }

    Optional<Integer> singleByteIndex(String token) {
        return Optional.ofNullable(singleIndex.get(token));
    }

    /** {dictionary 0..3, index} of a double-byte token. */
    Optional<int[]> doubleByteIndex(String token) {
        return Optional.ofNullable(doubleIndex.get(token));
    }

    String singleByte(int index) {
        if (index <= 0 || index >= singleByte.size()) {
            throw new IllegalArgumentException("No single-byte token " + index + " in dictionary " + version);
        }
        return singleByte.get(index);
    }

    String doubleByte(int dictionary, int index) {
        var tokens = doubleByte.get(dictionary);
        if (index >= tokens.size()) {
            throw new IllegalArgumentException("No token " + index + " in double-byte dictionary " + dictionary + " of version " + version);
        }
        return tokens.get(index);
    }

    /** The first tag byte past the single-byte tokens: tags from here up are dictionaries, JIDs, lists and binaries. */
    int singleByteLimit() {
        return singleByte.size();
    }
}
