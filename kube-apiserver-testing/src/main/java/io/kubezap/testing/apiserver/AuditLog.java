package io.kubezap.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * kube-apiserver's audit log (--audit-policy-file, --audit-log-path): every request at level Metadata (who, verb,
 * resource, URI with its query, answer code, when), read back as {@link AuditedRequest}s, one per request.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: [RequestReceived]
            rules:
            - level: Metadata
            """;

    private final Path log;

    AuditLog(Path log) {
        this.log = log;
    }

    /** Writes the policy into {@code dir}; the flags that make the server log there. */
    static List<String> flags(Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("audit-policy.yaml"), POLICY);
        return List.of("--audit-policy-file=" + policy, "--audit-log-path=" + dir.resolve("audit.log"),
                "--audit-log-format=json", "--audit-log-maxsize=0");
    }

    /** Where the server writes it (inside the server's directory, removed on close). */
    public Path file() {
        return log;
    }

    /**
     * Every request logged so far, in the order the server finished them: one per audit ID (a watch's ResponseStarted
     * and ResponseComplete stages are one request), its code the last stage's.
     */
    public List<AuditedRequest> requests() {
        Map<String, AuditedRequest> byId = new LinkedHashMap<>();
        if (!Files.exists(log)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log)) {
            lines.filter(line -> !line.isBlank()).map(AuditLog::parse)
                    .forEach(request -> byId.merge(request.auditId(), request, (first, last) -> first.answeredWith(last.code())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(byId.values());
    }

    private static AuditedRequest parse(String line) {
        try {
            JsonNode event = JSON.readTree(line);
            JsonNode object = event.path("objectRef");
            return new AuditedRequest(event.path("auditID").asText(), event.path("verb").asText(),
                    event.path("user").path("username").asText(), event.path("requestURI").asText(),
                    object.path("resource").asText(), object.path("subresource").asText(),
                    object.path("namespace").asText(), object.path("name").asText(),
                    event.path("responseStatus").path("code").asInt(0),
                    java.time.Instant.parse(event.path("requestReceivedTimestamp").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
