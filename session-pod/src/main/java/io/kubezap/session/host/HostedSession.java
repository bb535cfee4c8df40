package io.kubezap.session.host;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.engine.EngineSettings;

import java.util.Optional;

/**
 * A session this JVM serves: its checked settings (name, namespace, the API key its requests carry, data directory,
 * pairing, what its own engine instance reads), its token in the database (docs/decisions/0017), empty with a role
 * of its own, and the whole configuration they were read from (its webhooks, sinks, retention, quota: a pod's
 * environment, a host's entry).
 */
public record HostedSession(SessionSettings settings, Optional<String> databaseToken, SessionConfig config) {

    public String name() {
        return settings.name();
    }

    public String namespace() {
        return settings.namespace();
    }

    public String apiKey() {
        return settings.apiKey();
    }

    public EngineSettings engine() {
        return settings.engineSettings();
    }
}
