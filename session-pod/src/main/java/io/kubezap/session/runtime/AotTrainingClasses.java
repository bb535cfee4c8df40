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
 * {@link #RESOURCE} without initialising them: their code does not run, and the cache holds them
 * (docs/decisions/0004-aot-cache-trained-on-one-linked-session.md). The list is what one linked session loaded, and
 * only that: linked by QR, a text each way
 * delivered to a webhook, reached through the JDK's client and probed, then idle ({@code IdleFootprintIT} writes it
 * with {@code -Daot.regenerate=true}, in place of the last one). Every cached class costs each pod of the image its
 * pages of the cache whether it loads the class or not, so the list does not collect what other runs or paths loaded
 * ("A smaller session, part 10b"): a pod that takes such a path (a media message, say) loads those classes into its
 * metaspace. A name that no longer exists is skipped; a class missing from the list is loaded into metaspace as before.
 */
public final class AotTrainingClasses {

    public static final String RESOURCE = "/aot/linked-session-classes.txt";
    static final String SWITCH = "KUBEZAP_AOT_TRAINING";

    private AotTrainingClasses() {
    }

    /** Whether this start is the image's training run. */
    static boolean requested() {
        // read before Quarkus starts (the classes load ahead of it), so not through SessionConfig
        return "true".equals(System.getenv(SWITCH));
    }

    /**
     * Loads each class named in {@code list} (one per line) through {@code loader}, not initialised. Returns how many
     * loaded. Stops at the first failure of the loader itself (not a class that is missing): Quarkus' runner then leaves
     * the jar it failed to open half-registered, and any later look-up that reaches that jar waits forever (the image's
     * training run hung so when a jar it lists was missing: images/session-pod/Dockerfile).
     */
    static int load(InputStream list, ClassLoader loader) {
        int loaded = 0;
        try (var names = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            for (String name = names.readLine(); name != null; name = names.readLine()) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    if (loadQuietly(name.strip(), loader)) {
                        loaded++;
                    }
                } catch (RuntimeException loaderFailed) {
                    System.err.println("aot-train: stopped loading " + RESOURCE + " at " + name.strip() + " (" + loaderFailed
                            + "): a further look-up could wait forever on the jar the class loader failed to open;"
                            + " the classes after it are not cached");
                    break;
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
        }
    }
}
