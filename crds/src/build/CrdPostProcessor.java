import io.kubezap.contract.EventCatalogue;
import io.kubezap.contract.PodSetting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds to the generated CRD what fabric8's CRD generator 7.4 has no annotation for: {@code status.conditions} is a
 * list map keyed by {@code type} ({@code x-kubernetes-list-type: map}, {@code x-kubernetes-list-map-keys: [type]}, and
 * {@code type} required in each item, as the API server demands of a map key), so server-side apply merges conditions
 * by type instead of replacing the whole list. And writes the event names of the shared catalogue
 * ({@link EventCatalogue#ALL}) where the API types name them by placeholder (the webhook filter's CEL rule and
 * description) and the environment names a tenant may set from the pod's settings table ({@link PodSetting}, the pod
 * template's env rule), so the CRD never holds a hand-kept copy of either list. And declares the object's own
 * fields at the root, so the API server's CEL cost estimate of the name rule is bounded ({@link #objectMetaFields}).
 * Edits the generator's own text in place (its key order and line folding kept), so the committed CRD stays a small diff away from what the generator writes; fails
 * loudly when that text is not as expected.
 * <p>
 * Run by the build right after the generator (a single-file program with the module's class path:
 * {@code java -cp <classpath> CrdPostProcessor.java <crd> [copy]}); with a second argument, the result is also
 * written there (the update-crd profile's refresh of the chart's CRD).
 */
public class CrdPostProcessor {

    /** The placeholders of io.kubezap.api.v1alpha1.EventTypes: the names as a CEL list, and comma-separated. */
    static final String CEL_PLACEHOLDER = "${EventCatalogue.ALL:CEL}";
    static final String TEXT_PLACEHOLDER = "${EventCatalogue.ALL}";
    /** The placeholder of io.kubezap.api.v1alpha1.PodTemplate's env rule: the names a tenant may set, as CEL. */
    static final String TENANT_SETTABLE_PLACEHOLDER = "${PodSetting.tenantSettable:CEL}";
    /** The root schema's properties line, as the generator indents it. */
    static final String ROOT_INDENT = "        ";
    static final String ROOT_PROPERTIES = ROOT_INDENT + "properties:";
    /** SnakeYAML's default line width, at which the generator folds double-quoted scalars. */
    private static final int WIDTH = 80;

    public static void main(String[] args) throws IOException {
        Path crd = Path.of(args[0]);
        List<String> lines = new ArrayList<>(Files.readAllLines(crd));
        boolean changed = false;
        if (lines.stream().noneMatch(line -> line.contains("x-kubernetes-list-type"))) {
            conditionsAsListMap(lines);
            changed = true;
        }
        if (lines.stream().noneMatch(line -> line.equals(ROOT_INDENT + "  metadata:"))) {
            objectMetaFields(lines);
            changed = true;
        }
        changed |= replacePlaceholder(lines, CEL_PLACEHOLDER, EventCatalogue.ALL.stream()
                .map(name -> "'" + name + "'").collect(java.util.stream.Collectors.joining(", ", "[", "]")));
        changed |= replacePlaceholder(lines, TEXT_PLACEHOLDER, String.join(", ", EventCatalogue.ALL));
        changed |= replacePlaceholder(lines, TENANT_SETTABLE_PLACEHOLDER, PodSetting.tenantSettableAsCel());
        if (changed) {
            Files.write(crd, lines);
        }
        if (args.length > 1 && !args[1].isBlank()) {
            Files.write(Path.of(args[1]), lines);
        }
    }

    /**
     * Declares {@code apiVersion}, {@code kind} and {@code metadata.name}/{@code generateName} (at most 253 characters,
     * Kubernetes' own limit for a name) at the schema's root. Without all four, the API server's CEL cost estimator
     * takes {@code metadata.name} as a string of a whole request (3 MiB): the name rule then costs 2,202,019 instead of
     * 722 (docs/crd-versioning.md), and the rule's {@code fieldPath: .metadata.name} is refused as "must be a valid
     * path", since the path must lie in the schema.
     */
    static void objectMetaFields(List<String> lines) {
        int at = single(lines, "openAPIV3Schema:");
        if (!lines.get(at + 1).equals(ROOT_PROPERTIES)) {
            throw new IllegalStateException("the generated CRD's openAPIV3Schema does not open with its properties: "
                    + "has the generator's output changed?");
        }
        String in = ROOT_INDENT;
        lines.addAll(at + 2, List.of(
                in + "  apiVersion:",
                in + "    type: \"string\"",
                in + "  kind:",
                in + "    type: \"string\"",
                in + "  metadata:",
                in + "    properties:",
                in + "      generateName:",
                in + "        maxLength: 253",
                in + "        type: \"string\"",
                in + "      name:",
                in + "        maxLength: 253",
                in + "        type: \"string\"",
                in + "    type: \"object\""));
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

    /**
     * Writes {@code value} in place of {@code placeholder} in every double-quoted scalar that holds it, folded again
     * the way SnakeYAML folds it ({@code \} at the end of a line broken before a space, the next line one step deeper
     * and opening with {@code \}). Returns whether there was one.
     */
    static boolean replacePlaceholder(List<String> lines, String placeholder, String value) {
        boolean found = false;
        for (int at = 0; at < lines.size(); at++) {
            if (!lines.get(at).contains(placeholder)) {
                continue;
            }
            int first = at;
            while (first > 0 && lines.get(first - 1).endsWith("\\")) {
                first--;
            }
            int last = at;
            while (lines.get(last).endsWith("\\")) {
                last++;
            }
            String opening = lines.get(first);
            int quote = opening.indexOf(": \"");
            if (quote < 0 || !lines.get(last).endsWith("\"")) {
                throw new IllegalStateException("'" + placeholder + "' is not in a double-quoted scalar of the generated CRD: "
                        + opening.trim());
            }
            String head = opening.substring(0, quote + 3);
            String text = unfold(lines.subList(first, last + 1), head.length());
            List<String> folded = fold(head, text.replace(placeholder, value), indent(opening) + 2);
            lines.subList(first, last + 1).clear();
            lines.addAll(first, folded);
            at = first + folded.size() - 1;
            found = true;
        }
        return found;
    }

    private static String unfold(List<String> scalar, int start) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < scalar.size(); i++) {
            String line = scalar.get(i);
            String part = i == 0 ? line.substring(start) : line.strip();
            if (i > 0 && part.startsWith("\\ ")) {
                part = part.substring(1);
            }
            text.append(part, 0, part.length() - 1);
        }
        if (text.indexOf("\\") >= 0) {
            throw new IllegalStateException("an escape in a scalar with a placeholder: " + text);
        }
        return text.toString();
    }

    /** SnakeYAML's Emitter.writeDoubleQuoted for text without escapes: breaks before a space past the width. */
    private static List<String> fold(String head, String text, int continuationIndent) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder(head);
        int column = head.length();
        int start = 0;
        for (int end = 1; end < text.length() - 1; end++) {
            if (text.charAt(end) == ' ' && column + (end - start) > WIDTH) {
                line.append(text, start, end).append('\\');
                out.add(line.toString());
                line = new StringBuilder(" ".repeat(continuationIndent)).append('\\');
                column = continuationIndent + 1;
                start = end;
            }
        }
        out.add(line.append(text, start, text.length()).append('"').toString());
        return out;
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
