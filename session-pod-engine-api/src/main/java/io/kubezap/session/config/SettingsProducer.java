package io.kubezap.session.config;

import io.kubezap.contract.EngineKind;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Publishes each feature's group of {@link SessionConfig} as a bean of its own (a feature injects its group, not the
 * whole configuration). The session's own {@link SessionSettings} are the session's the running code names (session-pod's
 * {@code HostedSessions}): a session host has many and none at start-up.
 */
public class SettingsProducer {

    /** The cluster admin's egress lists, from the environment alone (see {@link AdminEgressLists}). */
    @Produces
    @Singleton
    AdminEgressLists adminEgressLists() {
        // the egress lists are the operator's variables alone: another configuration source must not replace them
        return AdminEgressLists.fromEnvironment(System.getenv());
    }

    @Produces
    @Singleton
    EngineKind engine(SessionConfig config) {
        return SettingsValidator.engine(config.engine());
    }

    @Produces
    @Singleton
    DatabaseSettings database(SessionConfig config) {
        return config.database();
    }

    @Produces
    @Singleton
    WebhookSettings webhook(SessionConfig config) {
        return config.webhook();
    }

    @Produces
    @Singleton
    SinkSettings sink(SessionConfig config) {
        return config.sink();
    }

    @Produces
    @Singleton
    PayloadSettings payload(SessionConfig config) {
        return config.events().payload();
    }

    @Produces
    @Singleton
    EventStreamSettings eventStream(SessionConfig config) {
        return config.events().stream();
    }

    @Produces
    @Singleton
    RetentionSettings retention(SessionConfig config) {
        return config.retention();
    }

    @Produces
    @Singleton
    QuotaSettings quota(SessionConfig config) {
        return config.storage();
    }

    @Produces
    @Singleton
    ChatwootSettings chatwoot(SessionConfig config) {
        return config.chatwoot();
    }
}
