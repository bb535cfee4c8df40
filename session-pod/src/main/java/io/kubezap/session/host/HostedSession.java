package io.kubezap.session.host;

import java.util.Optional;

/** A session this JVM serves: its key in the database and its token there (docs/decisions/0017), empty with a role of its own. */
public record HostedSession(String name, String namespace, Optional<String> databaseToken) {
}
