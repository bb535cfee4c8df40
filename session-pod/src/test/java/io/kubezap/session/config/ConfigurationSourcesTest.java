package io.kubezap.session.config;

import io.kubezap.session.testing.PodSources;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pod reads its settings one way: {@link SessionConfig}, the one validated mapping, and nothing beside it. Counted
 * over the pod's main sources in all its modules (comments and strings left out): one {@code @ConfigMapping}, no
 * {@code @ConfigProperty}, no {@code ConfigProvider}, and {@code System.getenv} only where the configuration cannot be
 * the source.
 */
class ConfigurationSourcesTest {

    /** Where the environment is read directly, and why the configuration cannot be. */
    private static final Map<String, String> ENVIRONMENT_READERS = Map.of(
            "runtime/KubezapMain.java", "runs before Quarkus starts (local mode, the migrate command)",
            "runtime/AotTrainingClasses.java", "runs before Quarkus starts (the image's training run)",
            "config/SettingsProducer.java", "the egress lists: the variable alone, never another source (AdminEgressLists)",
            "child/ChildEnvironment.java", "a child process's environment, copied from the pod's",
            "keystore/KeyStoreLease.java", "HOSTNAME, the pod's name: set by Kubernetes, not a setting");

    /** Quarkus' own datasource names, read by name (docs/decisions/0002): no mapping may declare them. */
    private static final Set<String> QUARKUS_NAME_READERS = Set.of("pool/PoolSettings.java", "pool/ConnectionPool.java");

    @Test
    void sessionConfigIsTheOnlyMapping() {
        assertThat(count("@ConfigMapping\\b")).as("@ConfigMapping in the pod's main sources")
                .containsExactly(Map.entry("config/SessionConfig.java", 1));
    }

    @Test
    void noSettingIsInjectedOneByOne() {
        assertThat(count("@ConfigProperty\\b")).as("@ConfigProperty in the pod's main sources").isEmpty();
    }

    @Test
    void noSettingIsLookedUpByName() {
        assertThat(count("\\bConfigProvider\\b")).as("ConfigProvider in the pod's main sources").isEmpty();
        assertThat(count("\\borg\\.eclipse\\.microprofile\\.config\\.Config\\b").keySet())
                .as("the configuration injected whole (only for Quarkus' datasource names)").isSubsetOf(QUARKUS_NAME_READERS);
    }

    @Test
    void theEnvironmentIsReadDirectlyOnlyWhereItMustBe() {
        assertThat(count("\\bSystem\\s*\\.\\s*getenv\\b").keySet()).as("System.getenv in the pod's main sources")
                .isSubsetOf(ENVIRONMENT_READERS.keySet());
    }

    /** Occurrences of {@code pattern} in code (not comments, not strings), by file relative to its module's root. */
    private static Map<String, Integer> count(String pattern) {
        Pattern compiled = Pattern.compile(pattern);
        Map<String, Integer> counts = new TreeMap<>();
        for (Path root : PodSources.roots()) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    Matcher matcher = compiled.matcher(codeOf(Files.readString(file)));
                    int found = 0;
                    while (matcher.find()) {
                        found++;
                    }
                    if (found > 0) {
                        counts.put(root.relativize(file).toString().replace('\\', '/'), found);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return counts;
    }

    /** {@code source} with its comments, string and character literals blanked out. */
    static String codeOf(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            int end = literalOrCommentEnd(source, i);
            if (end == i) {
                code.append(source.charAt(i++));
            } else {
                code.append(' ');
                i = end;
            }
        }
        return code.toString();
    }

    /** Where the comment or literal starting at {@code i} ends; {@code i} when none starts there. */
    private static int literalOrCommentEnd(String source, int i) {
        if (source.startsWith("//", i)) {
            int newline = source.indexOf('\n', i);
            return newline < 0 ? source.length() : newline;
        }
        if (source.startsWith("/*", i)) {
            return closing(source, i + 2, "*/");
        }
        if (source.startsWith("\"\"\"", i)) {
            return closing(source, i + 3, "\"\"\"");
        }
        char c = source.charAt(i);
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < source.length() && source.charAt(j) != c) {
                j += source.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(j + 1, source.length());
        }
        return i;
    }

    private static int closing(String source, int from, String end) {
        int at = source.indexOf(end, from);
        return at < 0 ? source.length() : at + end.length();
    }
}
