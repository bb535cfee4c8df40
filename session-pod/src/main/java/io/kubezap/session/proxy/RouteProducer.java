package io.kubezap.session.proxy;

import io.kubezap.session.config.AdminEgressLists;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;
import io.kubezap.session.engine.WhatsAppRoute;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.util.Set;

/**
 * The session's {@link WhatsAppRoute}: directly, or through its proxy by way of a {@link ProxyRelay}. The proxy's
 * address is judged like any other address a tenant chose (the admin's allow- and deny-lists, as for event sinks).
 */
public class RouteProducer {

    private static final Logger LOG = Logger.getLogger(RouteProducer.class);

    @Produces
    @Singleton
    WhatsAppRoute route(SessionConfig config, AdminEgressLists admin, Vertx vertx) {
        var proxy = SessionProxy.from(config.proxy().url(), config.proxy().username(), config.proxy().password());
        if (proxy.isEmpty()) {
            return WhatsAppRoute.DIRECT;
        }
        var egress = new EgressRule(AddressList.of(PodEnvironment.MEDIA_URL_ALLOW_LIST, admin.mediaUrlAllowList()),
                AddressList.of(PodEnvironment.WEBHOOK_DENY_LIST, admin.webhookDenyList()), PodEnvironment.WEBHOOK_DENY_LIST,
                InetAddress::getAllByName);
        String versionHost = URI.create(config.waVersionUrl().trim()).getHost();
        LOG.infof("WhatsApp is reached through the session's proxy %s", proxy.get());
        return new ProxyRelay(vertx, proxy.get(), egress, versionHost == null ? Set.of() : Set.of(versionHost));
    }

    void close(@Disposes WhatsAppRoute route) {
        if (route instanceof ProxyRelay relay) {
            relay.close();
        }
    }
}
