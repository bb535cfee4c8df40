package io.kubezap.gateway.session;

import java.util.List;

/** The verbs a caller may use on every session of {@code namespace}, creating new ones included. */
public record NamespaceAccess(String namespace, List<String> allowed) {
}
