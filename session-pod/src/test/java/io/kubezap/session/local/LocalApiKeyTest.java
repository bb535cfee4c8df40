package io.kubezap.session.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import static org.assertj.core.api.Assertions.assertThat;

class LocalApiKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void theKeyIsGeneratedOnceAndKeptAcrossRestarts() throws IOException {
        Path file = dataDir.resolve("api-key");
        String first = LocalApiKey.loadOrCreate(file);
        assertThat(first).hasSizeGreaterThanOrEqualTo(40).matches("[A-Za-z0-9_-]+");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(LocalApiKey.loadOrCreate(file)).isEqualTo(first);
        assertThat(LocalApiKey.loadOrCreate(dataDir.resolve("other").resolve("api-key"))).isNotEqualTo(first);
    }
}
