package io.kubezap.session.sink;

import io.kubezap.session.config.AdminEgressLists;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a sink may connect, whatever its address (the tenant's to write) says: the egress rule of webhooks and sends
 * by URL ({@link EgressRule}: public addresses, the private networks and hosts the cluster admin allows in
 * {@code KUBEZAP_MEDIA_URL_ALLOW_LIST} — in-cluster brokers — and never what {@code KUBEZAP_WEBHOOK_DENY_LIST} names),
 * applied to every host the address names. Checked before each connection.
 */
@Singleton
public class SinkTargets {

    private final EgressRule rule;

    @Inject
    public SinkTargets(AdminEgressLists admin) {
        this(AddressList.of(PodEnvironment.MEDIA_URL_ALLOW_LIST, admin.mediaUrlAllowList()),
                AddressList.of(PodEnvironment.WEBHOOK_DENY_LIST, admin.webhookDenyList()));
    }

    SinkTargets(AddressList allowed, AddressList denied) {
        this.rule = new EgressRule(allowed, denied, PodEnvironment.WEBHOOK_DENY_LIST, InetAddress::getAllByName);
    }

    /** Why the sink may not connect, or null when it may. */
    String refusal(BrokerSink sink) {
        for (String host : hosts(sink.address())) {
            EgressRule.Target target = rule.check(host);
            if (!target.allowed()) {
                return target.refusal();
            }
        }
        return null;
    }

    /** {@code a:9092,b:9092}, {@code nats://a:4222,nats://b:4222}, {@code amqp://a:5672/vhost}: the host names. */
    static List<String> hosts(String address) {
        List<String> hosts = new ArrayList<>();
        for (String entry : address.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String host = URI.create(trimmed.contains("://") ? trimmed : "tcp://" + trimmed).getHost();
            if (host == null) {
                throw new IllegalArgumentException("the address names no host");
            }
            hosts.add(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        }
        return hosts;
    }
}
