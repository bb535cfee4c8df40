package io.kubezap.session.keystore.sealing;

import io.kubezap.cobalt.files.DurableFile;
import io.kubezap.cobalt.files.FileSeals;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seals the engines' key stores on the session's volume: Cobalt's files under {@code <data dir>/whatsapp} and
 * Baileys' auth state under {@code <data dir>/baileys}. Every file the engine adapters write there goes through
 * {@link DurableFile}, which seals what it writes and opens what it reads once {@link FileSeals} names the directory,
 * so no key is ever written to the volume in the clear. At start, files written in the clear by an earlier version
 * are sealed, and data keys wrapped under an older wrapping key are re-wrapped (a rotation's step on the volume).
 */
public final class SealedKeyStore {

    static final List<String> ENGINE_DIRECTORIES = List.of("whatsapp", "baileys");
    private static final Logger LOG = Logger.getLogger(SealedKeyStore.class);

    private SealedKeyStore() {
    }

    /**
     * From now on the engines' key stores under {@code dataDir} are sealed; what was already there is sealed (or
     * re-wrapped) now, before any engine reads it.
     *
     * @throws UncheckedIOException when the data key or a file is wrapped under a key {@code wrappingKeys} does not
     *                              hold, or cannot be read or written: starting would lose the link
     */
    public static KeyMaterialCipher seal(Path dataDir, WrappingKeys wrappingKeys) {
        try {
            var cipher = new KeyMaterialCipher(wrappingKeys, DataKeyFile.loadOrCreate(dataDir, wrappingKeys));
            for (String directory : ENGINE_DIRECTORIES) {
                FileSeals.sealUnder(dataDir.resolve(directory), SealedKeyStore::isKeyMaterial, cipher);
            }
            int resealed = reseal(dataDir, cipher);
            if (resealed > 0) {
                LOG.infof("Sealed or re-wrapped %d WhatsApp key store files under wrapping key '%s'", resealed,
                        wrappingKeys.currentId());
            }
            return cipher;
        } catch (IOException failed) {
            throw new UncheckedIOException("Cannot open the sealed WhatsApp key store: " + failed.getMessage(), failed);
        }
    }

    private static int reseal(Path dataDir, KeyMaterialCipher cipher) throws IOException {
        int changed = 0;
        for (String directory : ENGINE_DIRECTORIES) {
            for (Path file : keyMaterialFiles(dataDir.resolve(directory))) {
                var before = Files.readAllBytes(file);
                DurableFile.rewrite(file, generationOf(file), cipher::resealed);
                changed += java.util.Arrays.equals(before, Files.readAllBytes(file)) ? 0 : 1;
            }
        }
        return changed;
    }

    /** The key material files the adapters write through {@link DurableFile}, each generation of them: {@code *.proto}, {@code auth.json}. */
    static List<Path> keyMaterialFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            return tree.filter(Files::isRegularFile).filter(SealedKeyStore::isKeyMaterial).toList();
        }
    }

    /** Not {@code session-id}, which only names the current device and is read as it is. */
    private static boolean isKeyMaterial(Path file) {
        var name = baseName(file);
        return name.endsWith(".proto") || name.equals("auth.json");
    }

    /** {@code .keys.proto.previous} is a generation of {@code keys.proto}. */
    private static String baseName(Path file) {
        var name = file.getFileName().toString();
        for (String suffix : List.of(DurableFile.PREVIOUS, DurableFile.UNREADABLE)) {
            if (name.startsWith(".") && name.endsWith(suffix)) {
                return name.substring(1, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static Path generationOf(Path file) {
        return file.resolveSibling(baseName(file));
    }
}
