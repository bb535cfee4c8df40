package io.kubezap.session.webversion;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.config.SettingsValidator;
import io.kubezap.session.engine.WhatsAppRoute;
import io.kubezap.session.engine.version.WebVersionDiscovery;
import io.kubezap.session.engine.version.WebVersions;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.URI;

/** The session's {@link WebVersions}: its override, web.whatsapp.com's announcement (through the session's proxy, if any), the version kept in PostgreSQL. */
public class WebVersionsProducer {

    @Produces
    @Singleton
    WebVersions webVersions(SessionConfig config, LastWorkingVersionRepository lastWorking, WhatsAppRoute route) {
        var discovery = new WebVersionDiscovery(URI.create(config.waVersionUrl().trim()), config.waVersionTimeout(), route);
        return new WebVersions(SettingsValidator.waVersion(config), discovery, lastWorking);
    }
}
