package io.kubezap.session.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Local mode's API key: generated once, printed once, kept in the data directory so restarts keep it. */
public final class LocalApiKey {

    private LocalApiKey() {
    }

    public static String random() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            System.out.println("kubezap local mode: API key in " + file);
            return Files.readString(file).trim();
        }
        String key = random();
        Files.createDirectories(file.getParent());
        Files.writeString(file, key + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
        System.out.println("kubezap local mode: generated API key (shown once, kept in " + file + "):");
        System.out.println("  " + key);
        return key;
    }
}
