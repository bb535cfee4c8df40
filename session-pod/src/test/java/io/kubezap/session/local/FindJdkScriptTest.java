package io.kubezap.session.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The script ./mvnw, .ci/run and kubezap-local source to find a JDK 21+, so the README's commands work on
 * a machine whose default java is older. Runs it against fake JDKs that only report their version.
 */
class FindJdkScriptTest {

    private static final Path SCRIPT = Path.of("..", ".mvn", "find-jdk.sh").toAbsolutePath().normalize();

    @TempDir
    Path jvms;

    @Test
    void anOldJavaHomeIsReplacedByTheNewestJdkThatIsRecentEnough() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", 17);
        fakeJdk("jdk-21", 21);
        Path jdk25 = fakeJdk("jdk-25", 25);

        Result result = run(Map.of("JAVA_HOME", jdk17.toString()));

        assertThat(result.exitCode).isZero();
        assertThat(result.javaHome).isEqualTo(jdk25.toString());
    }

    @Test
    void aJavaHomeThatIsRecentEnoughIsKept() throws Exception {
        Path jdk21 = fakeJdk("jdk-21", 21);
        fakeJdk("jdk-25", 25);

        assertThat(run(Map.of("JAVA_HOME", jdk21.toString())).javaHome).isEqualTo(jdk21.toString());
    }

    @Test
    void withoutAnyRecentJdkItStopsAndSaysWhereItLooked() throws Exception {
        fakeJdk("jdk-17", 17);

        Result result = run(Map.of());

        assertThat(result.exitCode).isNotZero();
        assertThat(result.stderr).contains("no JDK 21 or newer found").contains(jvms.toString());
    }

    @Test
    void aJdkThatHasAReleaseFileIsJudgedByItWithoutStartingItsJava() throws Exception {
        Path jdk25 = fakeJdk("jdk-25", 25);
        Files.writeString(jdk25.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"25.0.3\"\n");
        Files.writeString(jdk25.resolve("bin").resolve("java"), "#!/bin/sh\necho started >> \"$(dirname \"$0\")/../started\"\nexit 1\n");

        assertThat(run(Map.of("JAVA_HOME", jdk25.toString())).javaHome).isEqualTo(jdk25.toString());
        assertThat(jdk25.resolve("started")).doesNotExist();
    }

    @Test
    void aReleaseFileOfAnOldJdkIsNotAcceptedEvenIfItsJavaClaimsMore() throws Exception {
        Path misnamed = fakeJdk("jdk-99", 25);
        Files.writeString(misnamed.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");

        Result result = run(Map.of("JAVA_HOME", misnamed.toString()));

        assertThat(result.exitCode).isNotZero();
        assertThat(result.stderr).contains("no JDK 21 or newer found");
    }

    private record Result(int exitCode, String javaHome, String stderr) {
    }

    private Result run(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", ". \"$0\" && printf %s \"$JAVA_HOME\"", SCRIPT.toString());
        builder.environment().clear();
        builder.environment().put("PATH", toolsWithoutJava().toString());
        builder.environment().put("KUBEZAP_JDK_DIRS", jvms.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), stdout, stderr);
    }

    /** The commands the script uses, and no java: the machine's own JDKs must not decide these tests. */
    private Path toolsWithoutJava() throws IOException {
        Path tools = Files.createDirectories(jvms.resolveSibling(jvms.getFileName() + "-tools"));
        for (String tool : List.of("sh", "sed", "head", "find", "sort", "dirname", "readlink")) {
            Path link = tools.resolve(tool);
            if (Files.notExists(link)) {
                Files.createSymbolicLink(link, Path.of("/usr/bin", tool).toRealPath());
            }
        }
        return tools;
    }

    /** A directory shaped like a JDK whose java prints the properties line the script reads. */
    private Path fakeJdk(String name, int major) throws IOException {
        Path bin = Files.createDirectories(jvms.resolve(name).resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Path file = bin.resolve(tool);
            Files.writeString(file, "#!/bin/sh\necho '    java.specification.version = " + major + "' >&2\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return jvms.resolve(name);
    }
}
