package io.kubezap.cobalt.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link FileRecovery recoveries} reads have made in this process, until someone takes them to report them. Kept
 * here because Cobalt creates its serializers through a static factory that takes nothing but a directory.
 */
public final class FileRecoveries {

    private static final System.Logger LOG = System.getLogger(FileRecoveries.class.getName());
    private static final List<FileRecovery> PENDING = new ArrayList<>();

    private FileRecoveries() {
    }

    static synchronized void record(FileRecovery recovery) {
        LOG.log(recovery.restored() ? System.Logger.Level.WARNING : System.Logger.Level.ERROR,
                "{0} could not be read ({1}): {2}", recovery.file(), recovery.cause(),
                recovery.restored() ? "its previous generation took its place" : "no earlier generation could be read either");
        PENDING.add(recovery);
    }

    /** The recoveries of files under {@code directory}, oldest first; each is handed out once. */
    public static synchronized List<FileRecovery> takeUnder(Path directory) {
        var root = directory.toAbsolutePath().normalize();
        var taken = PENDING.stream().filter(recovery -> recovery.file().toAbsolutePath().normalize().startsWith(root)).toList();
        PENDING.removeAll(taken);
        return taken;
    }
}
