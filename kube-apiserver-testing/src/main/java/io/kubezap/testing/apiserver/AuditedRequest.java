package io.kubezap.testing.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** One request as the audit log records it; {@code subresource}, {@code namespace}, {@code name} empty where none. */
public record AuditedRequest(String auditId, String verb, String user, String uri, String resource, String subresource,
                             String namespace, String name, int code, Instant received) {

    /** Whether it changed what the server stores (create, update, patch, delete, deletecollection). */
    public boolean isWrite() {
        return switch (verb) {
            case "create", "update", "patch", "delete", "deletecollection" -> true;
            default -> false;
        };
    }

    /** The value of a query parameter of its URI ({@code limit}, {@code continue}, {@code resourceVersion}...). */
    public Optional<String> query(String parameter) {
        int start = uri.indexOf('?');
        if (start < 0) {
            return Optional.empty();
        }
        for (String pair : uri.substring(start + 1).split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            if (nameAndValue[0].equals(parameter)) {
                return Optional.of(nameAndValue.length > 1 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        return Optional.empty();
    }

    /** {@code verb resource[/subresource]}, e.g. {@code patch whatsappsessions/status}: what it did, to count by. */
    public String kind() {
        return verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource);
    }

    AuditedRequest answeredWith(int lastCode) {
        return new AuditedRequest(auditId, verb, user, uri, resource, subresource, namespace, name, lastCode, received);
    }
}
