package io.kubezap.session.engine.cobalt;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cobalt writes key-store files to a temp file in {@code java.io.tmpdir} and then moves them in
 * place; only on the same file system is that move atomic. The JDK reads {@code java.io.tmpdir} once
 * at JVM start, so the pod's entrypoint must pass {@code -Djava.io.tmpdir=$KUBEZAP_DATA_DIR/tmp};
 * this check only warns when it did not.
 */
final class TempDirCheck {

    private static final Logger LOG = Logger.getLogger(TempDirCheck.class);

    private TempDirCheck() {
    }

    static void warnIfOffDataDir(Path dataDir) {
        var tempDir = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Files.createDirectories(tempDir);
            Files.createDirectories(dataDir);
            if (!Files.getFileStore(tempDir).equals(Files.getFileStore(dataDir))) {
                LOG.warnf("java.io.tmpdir (%s) is not on the file system of %s: key-store writes are not atomic; "
                        + "start the JVM with -Djava.io.tmpdir=%s", tempDir, dataDir, dataDir.resolve("tmp"));
            }
        } catch (IOException unreadable) {
            LOG.warnf("Cannot compare the file systems of java.io.tmpdir (%s) and %s: %s", tempDir, dataDir, unreadable);
        }
    }
}
