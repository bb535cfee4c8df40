package io.kubezap.session.host;

import io.kubezap.session.engine.EngineSettings;
import io.kubezap.session.engine.WhatsAppRoute;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** The engine settings of the session the code running serves, read as its engine instance is made. */
public class HostedEngineSettings {

    @Produces
    @Dependent // a record cannot be proxied: each engine takes the copy of its session when it is made
    EngineSettings engineSettings(HostedSessions sessions, WhatsAppRoute route) {
        return sessions.current().engine().withRoute(route);
    }
}
