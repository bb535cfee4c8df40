package io.kubezap.session.architecture;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.testing.PodSources;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kinds of message are handled by an exhaustive switch over the sealed {@code engine.MessageContent}, never by a
 * {@code switch} on the API's {@code type} string: adding a kind must make the compiler list every place to touch.
 * The engine adapters, which read WhatsApp's own names, are exempt.
 */
class MessageKindsTest {

    private static final List<String> KINDS = Stream.concat(
            Stream.of("text", "location", "contact", "contacts", "poll", "group_invite", "album", "reaction", "edit", "revoke"),
            Arrays.stream(MediaKind.values()).map(MediaKind::wire)).toList();
    private static final Pattern CASE_LABEL = Pattern.compile("case\\s+\"([a-z_]+)\"\\s*(->|:|,)");

    @Test
    void noStringSwitchOnMessageTypesOutsideTheEngineAdapters() {
        assertThat(PodSources.roots().stream().flatMap(root -> stringSwitchesOnKinds(root).stream())).isEmpty();
    }

    static List<String> stringSwitchesOnKinds(Path root) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(root.resolve("engine/cobalt")) && !file.startsWith(root.resolve("engine/baileys")))
                    .forEach(file -> found.addAll(kindLabels(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static List<String> kindLabels(Path file) {
        List<String> labels = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher label = CASE_LABEL.matcher(lines.get(i));
                while (label.find()) {
                    if (KINDS.contains(label.group(1))) {
                        labels.add(file.getFileName() + ":" + (i + 1) + " case \"" + label.group(1) + "\"");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return labels;
    }
}
