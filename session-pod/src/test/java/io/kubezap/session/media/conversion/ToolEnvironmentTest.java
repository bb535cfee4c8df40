package io.kubezap.session.media.conversion;

import io.kubezap.session.child.TenantVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 68 item 4: ffmpeg, ffprobe and libheif's tools start with none of the pod's environment but its PATH and
 * locale. Each tool here is a stand-in of the same name that prints the environment it was given.
 */
class ToolEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void noVariableOfThePodsEnvironmentBeyondPathAndLocaleReachesFfmpegFfprobeOrHeifTools() throws IOException {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("ffmpeg", "ffprobe", "heif-info", "heif-convert")) {
            Path script = Files.writeString(tools.resolve(tool), "#!/bin/sh\nexec /usr/bin/env\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        }
        var runner = new FfmpegRunner(new ConversionLimits(), tools, TenantVariables.podWithThem());

        for (String tool : List.of("ffmpeg", "ffprobe", "heif-info", "heif-convert")) {
            Path printed = scratch();
            if (tool.startsWith("ff")) {
                runner.run(tool, List.of("-i", "input"), printed, this::scratch);
            } else {
                runner.runTool(List.of(tool, "input"), printed, this::scratch);
            }
            List<String> names = Files.readAllLines(printed).stream().map(line -> line.substring(0, line.indexOf('='))).toList();

            assertThat(names).as("what %s was started with", tool).contains("PATH")
                    .doesNotContainAnyElementsOf(TenantVariables.DANGEROUS.keySet());
            assertThat(names).as("what %s was started with", tool).isSubsetOf("PATH", "LANG", "TMPDIR", "PWD");
        }
    }

    private Path scratch() throws IOException {
        return Files.createTempFile(dir, "scratch-", ".part");
    }
}
