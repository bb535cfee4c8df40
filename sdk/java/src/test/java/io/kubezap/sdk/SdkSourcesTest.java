package io.kubezap.sdk;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kept clients are what the generator makes of today's {@code docs/openapi/gateway.json}: a change to the API
 * fails here until the clients are regenerated, with
 * {@code ./mvnw -pl sdk/java -am test -Dtest=SdkSourcesTest -Dsdk.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SdkSourcesTest {

    private static final Path ROOT = Path.of(System.getProperty("kubezap.repositoryRoot", "../..")).toAbsolutePath().normalize();

    @ParameterizedTest
    @EnumSource(SdkGenerator.class)
    void theKeptClientIsWhatTheGeneratorMakesOfTheApiDocument(SdkGenerator sdk, @TempDir Path fresh) throws IOException {
        if (Boolean.getBoolean("sdk.regenerate")) {
            regenerate(sdk);
        }
        sdk.generate(ROOT, fresh);
        Path kept = sdk.keptIn(ROOT);
        List<String> files = Files.readAllLines(fresh.resolve(SdkGenerator.FILE_LIST));
        assertThat(kept.resolve(SdkGenerator.FILE_LIST)).as("the files of the kept %s client", sdk)
                .hasSameTextualContentAs(fresh.resolve(SdkGenerator.FILE_LIST));
        for (String file : files) {
            assertThat(kept.resolve(file)).as("%s client file %s (regenerate: see this test's comment)", sdk, file)
                    .hasSameTextualContentAs(fresh.resolve(file));
        }
    }

    /** Removes what the generator wrote last time (a file no longer generated goes too), then writes it anew. */
    private static void regenerate(SdkGenerator sdk) throws IOException {
        Path kept = sdk.keptIn(ROOT);
        Path list = kept.resolve(SdkGenerator.FILE_LIST);
        if (Files.exists(list)) {
            for (String file : Files.readAllLines(list)) {
                Files.deleteIfExists(kept.resolve(file));
            }
        }
        sdk.generate(ROOT, kept);
    }
}
