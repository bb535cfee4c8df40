package io.kubezap.session.config;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.engine.EngineSettings;
import io.kubezap.session.engine.WhatsAppRoute;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Publishes the validated settings; resolving them first thing at start-up is what validates the environment. */
public class SettingsProducer {

    @Produces
    @Singleton
    SessionSettings sessionSettings(SessionConfig config) {
        return SettingsValidator.validate(config);
    }

    /** The cluster admin's egress lists, from the environment alone (see {@link AdminEgressLists}). */
    @Produces
    @Singleton
    AdminEgressLists adminEgressLists() {
        return AdminEgressLists.fromEnvironment(System.getenv());
    }

    @Produces
    @Singleton
    EngineKind engine(SessionSettings settings) {
        return settings.engine();
    }

    @Produces
    @Singleton
    EngineSettings engineSettings(SessionSettings settings, WhatsAppRoute route) {
        return settings.engineSettings().withRoute(route);
    }
}
