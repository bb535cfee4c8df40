import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds to the generated CRD what fabric8's CRD generator 7.4 has no annotation for: {@code status.conditions} is a
 * list map keyed by {@code type} ({@code x-kubernetes-list-type: map}, {@code x-kubernetes-list-map-keys: [type]}, and
 * {@code type} required in each item, as the API server demands of a map key), so server-side apply merges conditions
 * by type instead of replacing the whole list. Edits the generator's own text in place (its key order kept), so the
 * committed CRD stays a small diff away from what the generator writes; fails loudly when that text is not as expected.
 * <p>
 * Run by the build right after the generator (a single-file program: {@code java CrdPostProcessor.java <crd> [copy]});
 * with a second argument, the result is also written there (the update-crd profile's refresh of the chart's CRD).
 */
public class CrdPostProcessor {

    public static void main(String[] args) throws IOException {
        Path crd = Path.of(args[0]);
        List<String> lines = new ArrayList<>(Files.readAllLines(crd));
        if (lines.stream().noneMatch(line -> line.contains("x-kubernetes-list-type"))) {
            conditionsAsListMap(lines);
            Files.write(crd, lines);
        }
        if (args.length > 1 && !args[1].isBlank()) {
            Files.write(Path.of(args[1]), lines);
        }
    }

    static void conditionsAsListMap(List<String> lines) {
        int at = single(lines, "conditions:");
        String indent = lines.get(at).substring(0, indent(lines.get(at)));
        int end = at + 1;
        while (end < lines.size() && indent(lines.get(end)) > indent.length()) {
            end++;
        }
        int arrayType = find(lines, at, end, indent + "  type: \"array\"");
        lines.addAll(arrayType + 1, List.of(
                indent + "  x-kubernetes-list-map-keys:",
                indent + "  - \"type\"",
                indent + "  x-kubernetes-list-type: \"map\""));
        int itemType = find(lines, at, arrayType, indent + "    type: \"object\"");
        lines.addAll(itemType, List.of(
                indent + "    required:",
                indent + "    - \"type\""));
    }

    private static int single(List<String> lines, String trimmed) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(trimmed)) {
                found.add(i);
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected one line '" + trimmed + "' in the generated CRD, found " + found.size());
        }
        return found.getFirst();
    }

    private static int find(List<String> lines, int from, int to, String line) {
        for (int i = from; i < to; i++) {
            if (lines.get(i).equals(line)) {
                return i;
            }
        }
        throw new IllegalStateException("status.conditions in the generated CRD has no line '" + line.trim()
                + "' where expected: has the generator's output changed?");
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
