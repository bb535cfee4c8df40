package io.kubezap.system;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The calls a real API server refused with 403 Forbidden: as its authorizer counts them (authorization_attempts_total,
 * result denied or no-opinion: RBAC, the only authorizer here, answers no-opinion to what no rule grants, which the
 * server refuses; only callers without system:masters can be refused, so here only the ServiceAccounts under test), and
 * as the callers' logs tell them, with what was refused (fabric8's "... is forbidden: User ... cannot ..." messages).
 */
final class ForbiddenCalls {

    private static final Pattern REFUSED = Pattern.compile("^authorization_attempts_total\\{[^}]*result=\"(denied|no-opinion)\"[^}]*} ([0-9.e+]+)$");
    private static final Pattern LOGGED = Pattern.compile("(?i)forbidden: (.*?)(\\. Received|\\\\\",|$)|\\bforbidden\\b|code=403");

    private ForbiddenCalls() {
    }

    /** The server's metrics of requests and authorization decisions, for the record. */
    static void saveMetrics(KubernetesClient admin, Path file) {
        try {
            Files.writeString(file, String.join("\n", admin.raw("/metrics").lines()
                    .filter(line -> line.startsWith("authorization_attempts_total") || line.contains("code=\"403\"")).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The authorizer's count of refused requests, when not zero: {@code authorization_attempts_total{result="no-opinion"} 9}. */
    static List<String> countedByTheServer(KubernetesClient admin) {
        List<String> refused = new ArrayList<>();
        for (String line : admin.raw("/metrics").split("\n")) {
            var match = REFUSED.matcher(line.trim());
            if (match.matches() && Double.parseDouble(match.group(2)) > 0) {
                refused.add(line.trim());
            }
        }
        return refused;
    }

    /** The lines of a process's log that report a refused call, each cut to what surrounds the report. */
    static List<String> inLog(Path log) {
        try {
            return Files.readAllLines(log).stream().map(line -> {
                var match = LOGGED.matcher(line);
                return match.find() ? log.getFileName() + ": " + (match.group(1) != null ? match.group(1)
                        : line.substring(Math.max(0, match.start() - 200), Math.min(line.length(), match.end() + 100))) : null;
            }).filter(java.util.Objects::nonNull).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
