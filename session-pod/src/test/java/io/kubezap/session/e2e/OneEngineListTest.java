package io.kubezap.session.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance rule of issue 83: every end-to-end class runs on both engines, unless session-pod/README names it in
 * its one list of what runs on one engine, with the reason. A class runs on both when it is parameterised by engine
 * ({@code @EnumSource(EngineKind.class)}, or arguments naming both), or is one of a pair of subclasses, one per engine
 * ({@code …CobaltIT} and {@code …BaileysIT}).
 */
class OneEngineListTest {

    private static final Path SCENARIOS = Path.of("src/test/java/io/kubezap/session/e2e");
    private static final String SECTION = "#### Which end-to-end tests run on one engine, and why";
    private static final Pattern NAMED_CLASS = Pattern.compile("`(\\w+IT)\\b");
    /** Benchmarks that live beside the scenarios: they measure, they prove no capability. */
    private static final Set<String> BENCHMARKS = Set.of("KeyStoreWalBenchmarkIT", "MediaBenchmarkIT");

    @Test
    void everyClassOnOneEngineIsInTheReadmesListAndTheListNamesOnlyThose() throws IOException {
        Set<String> listed = listedInReadme();
        List<String> scenarios = scenarioClasses();
        Set<String> oneEngine = scenarios.stream().filter(this::runsOnOneEngine).collect(Collectors.toCollection(TreeSet::new));

        assertThat(oneEngine).as("end-to-end classes that run on one engine, missing from session-pod/README's list")
                .isSubsetOf(listed);
        assertThat(listed).as("classes session-pod/README's list names that are not end-to-end classes here")
                .isSubsetOf(scenarios);
    }

    private boolean runsOnOneEngine(String name) {
        String source = source(name);
        if (BENCHMARKS.contains(name) || source.contains("abstract class " + name) || source.contains("EngineKind.class")
                || source.contains("EngineKind.Cobalt") && source.contains("EngineKind.Baileys")) {
            return false;
        }
        return !hasTwinForTheOtherEngine(name);
    }

    private static boolean hasTwinForTheOtherEngine(String name) {
        Matcher perEngine = Pattern.compile("(\\w+)(Cobalt|Baileys)IT").matcher(name);
        if (!perEngine.matches()) {
            return false;
        }
        String other = perEngine.group(2).equals("Cobalt") ? "Baileys" : "Cobalt";
        return Files.exists(SCENARIOS.resolve(perEngine.group(1) + other + "IT.java"));
    }

    private static List<String> scenarioClasses() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith("IT.java"))
                    .map(file -> file.substring(0, file.length() - ".java".length())).sorted().toList();
        }
    }

    private static String source(String name) {
        try {
            return Files.readString(SCENARIOS.resolve(name + ".java"));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static Set<String> listedInReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(SECTION);
        assertThat(start).as("session-pod/README's section " + SECTION).isNotNegative();
        int end = readme.indexOf("\n#", start + SECTION.length());
        Matcher named = NAMED_CLASS.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        Set<String> listed = new TreeSet<>();
        while (named.find()) {
            listed.add(named.group(1));
        }
        return listed;
    }
}
