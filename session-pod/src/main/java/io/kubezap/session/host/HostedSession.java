package io.kubezap.session.host;

import io.kubezap.session.engine.EngineSettings;

import java.util.Optional;

/**
 * A session this JVM serves: the API key its requests carry, its key in the database and its token there
 * (docs/decisions/0017), empty with a role of its own, and what its own engine instance reads (name, data directory,
 * pairing).
 */
public record HostedSession(String name, String namespace, String apiKey, Optional<String> databaseToken,
                            EngineSettings engine) {
}
