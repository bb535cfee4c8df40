package io.kubezap.testing.apiserver;

import java.util.List;
import java.util.stream.Stream;

/**
 * How a {@link RealApiServer} runs besides its defaults: with an audit log ({@link AuditLog}) and with further
 * kube-apiserver flags (e.g. {@code --watch-cache=false}, so that watches are served by etcd itself).
 */
public record ApiServerSettings(boolean auditLog, List<String> flags) {

    public static final ApiServerSettings DEFAULTS = new ApiServerSettings(false, List.of());

    public ApiServerSettings {
        flags = List.copyOf(flags);
    }

    /** Every request the server answers written to its audit log, at level Metadata. */
    public ApiServerSettings withAuditLog() {
        return new ApiServerSettings(true, flags);
    }

    /** These kube-apiserver flags as well, each a whole argument ({@code --name=value}). */
    public ApiServerSettings withFlags(String... more) {
        return new ApiServerSettings(auditLog, Stream.concat(flags.stream(), Stream.of(more)).toList());
    }
}
