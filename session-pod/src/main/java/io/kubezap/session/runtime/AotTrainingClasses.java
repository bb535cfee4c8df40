package io.kubezap.session.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The image's AOT training run (images/session-pod/aot-train.sh sets {@code KUBEZAP_AOT_TRAINING=true}) starts a pod
 * that never links: without a WhatsApp server there is no socket, no Signal session, no message path, and the classes
 * a linked session loads later (about 3,600: Cobalt's connection, TLS, the REST and webhook paths) would stay out of
 * the cache and be loaded into the pod's metaspace, private to it. So the training run also loads the classes of
 * {@link #RESOURCE} (what a linked, idle session had loaded, written down from a linked pod's class log), without
 * initialising them: their code does not run, and the cache holds them (docs/benchmarks.md, "A smaller session").
 * A name that no longer exists is skipped; a class missing from the list is loaded into metaspace as before.
 */
public final class AotTrainingClasses {

    public static final String RESOURCE = "/aot/linked-session-classes.txt";
    static final String SWITCH = "KUBEZAP_AOT_TRAINING";

    private AotTrainingClasses() {
    }

    /** Whether this start is the image's training run. */
    static boolean requested() {
        return "true".equals(System.getenv(SWITCH));
    }

    /** Loads each class named in {@code list} (one per line) through {@code loader}, not initialised. Returns how many loaded. */
    static int load(InputStream list, ClassLoader loader) {
        int loaded = 0;
        try (var names = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            for (String name = names.readLine(); name != null; name = names.readLine()) {
                if (!name.isBlank() && loadQuietly(name.strip(), loader)) {
                    loaded++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    /** Loads the listed classes through the pod's own class loader (Quarkus' application loader) when this is the training run. */
    static void loadForTheTrainingRun() {
        if (!requested()) {
            return;
        }
        try (InputStream list = AotTrainingClasses.class.getResourceAsStream(RESOURCE)) {
            if (list == null) {
                System.err.println("aot-train: no " + RESOURCE + " in the application: only start-up's classes are cached");
                return;
            }
            System.out.println("aot-train: loaded " + load(list, AotTrainingClasses.class.getClassLoader()) + " classes of " + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean loadQuietly(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError gone) {
            // renamed or removed since the list was written, or a dependency of it is absent: not cached, nothing else
            return false;
        } catch (RuntimeException jarNotInTheImage) {
            // Quarkus' runner indexes every jar of the build; the image drops some (zonky's PostgreSQL binaries of other
            // platforms), and looking a name up in one of those fails with the missing file: not cached, nothing else
            return false;
        }
    }
}
