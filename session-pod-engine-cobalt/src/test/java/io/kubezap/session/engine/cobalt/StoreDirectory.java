package io.kubezap.session.engine.cobalt;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory for a Cobalt key store, under {@code target/}, never deleted by JUnit.
 * Cobalt writes its stores from its own threads after a test has finished with them,
 * so deleting the directory at the end of the test races those writes and fails the
 * test with "Failed to close extension context". {@code mvn clean} removes them.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@TempDir(factory = StoreDirectory.UnderTarget.class, cleanup = CleanupMode.NEVER)
@interface StoreDirectory {

    final class UnderTarget implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws Exception {
            var parent = Files.createDirectories(Path.of("target", "cobalt-stores"));
            return Files.createTempDirectory(parent, context.getRequiredTestClass().getSimpleName() + "-");
        }
    }
}
