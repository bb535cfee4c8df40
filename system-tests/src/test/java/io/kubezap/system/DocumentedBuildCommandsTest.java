package io.kubezap.system;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 53, item 5: CI builds the images the way the README tells users to, and every build command the documents
 * give is one the script takes. {@code ImagesIT} runs README.md's {@code images/build.sh --prebuilt …} command (less
 * the registry and {@code --push}, plus what this machine needs: stand-in bases); here, without an engine, the
 * command it reads is checked, and every {@code images/build.sh} command line in the documents is parsed against the
 * options and image names {@code build.sh} accepts.
 */
class DocumentedBuildCommandsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern COMMAND = Pattern.compile("images/build\\.sh((?:\\s+(?:--?[a-z-]+|[a-z0-9./:,_-]+))*)");

    @Test
    void ciBuildsTheImagesWithTheReadmesCommand() throws IOException {
        assertThat(ImagesIT.documentedBuildCommand(ROOT.resolve("README.md"))).containsExactly("--prebuilt");
    }

    @Test
    void everyDocumentedBuildCommandUsesOptionsTheScriptTakes() throws IOException {
        Set<String> known = scriptOptions();
        assertThat(known).contains("--prebuilt", "--platform", "--push", "operator", "session-pod-baileys");
        List<String> unknown = new ArrayList<>();
        int commands = 0;
        for (Path document : documents()) {
            for (String line : Files.readAllLines(document)) {
                Matcher command = COMMAND.matcher(line);
                while (command.find()) {
                    commands++;
                    List<String> words = List.of(command.group(1).strip().split("\\s+"));
                    for (int i = 0; i < words.size(); i++) {
                        String word = words.get(i);
                        if (word.isEmpty() || !word.matches("--?[a-z-]+|operator|gateway|session-pod(-baileys)?")) {
                            continue;
                        }
                        if (!known.contains(word)) {
                            unknown.add(ROOT.relativize(document) + ": " + word + " in '" + command.group().strip() + "'");
                        }
                        if (Set.of("--registry", "--tag", "--platform", "--output").contains(word)) {
                            i++;
                        }
                    }
                }
            }
        }
        assertThat(commands).as("build.sh commands found in the documents").isGreaterThan(10);
        assertThat(unknown).isEmpty();
    }

    /** The options and image names of build.sh's argument loop ({@code --prebuilt) ...}, {@code operator|gateway|...)}). */
    private static Set<String> scriptOptions() throws IOException {
        Set<String> options = new TreeSet<>();
        Matcher option = Pattern.compile("^\\s*((?:--[a-z-]+|[a-z-]+)(?:\\|[a-z-]+)*)\\)", Pattern.MULTILINE)
                .matcher(Files.readString(ROOT.resolve("images/build.sh")));
        while (option.find()) {
            options.addAll(List.of(option.group(1).split("\\|")));
        }
        return options;
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("images/README.md"),
                ROOT.resolve("helm/README.md"), ROOT.resolve("system-tests/README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }
}
