package io.kubezap.session.sink;

import io.kubezap.session.config.AdminEgressLists;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.CheckedHttp;
import io.kubezap.session.egress.EgressRule;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        this(allowed, denied, InetAddress::getAllByName);
    }

    SinkTargets(AddressList allowed, AddressList denied, EgressRule.Resolver resolver) {
        this.rule = new EgressRule(allowed, denied, PodEnvironment.WEBHOOK_DENY_LIST, resolver);
    }

    /**
     * Each host the sink's address names, resolved once and checked: the address the client must connect to, never the
     * name again (a DNS answer that changes after the check would reach what it refused).
     */
    record Checked(Map<String, InetAddress> addresses, String refusal) {

        /** The address {@code host} (an IPv6 literal with or without brackets) was checked at. */
        InetAddress addressOf(String host) {
            return addresses.get(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        }

        /** {@code entry} (one URL of the address) naming the address its host was checked at instead of the host. */
        String pinned(String entry) {
            URI url = URI.create(entry.strip());
            try {
                return new URI(url.getScheme(), url.getUserInfo(), addressOf(url.getHost()).getHostAddress(), url.getPort(),
                        url.getPath(), url.getQuery(), url.getFragment()).toString();
            } catch (URISyntaxException unexpected) {
                throw new IllegalArgumentException("the address names no host", unexpected);
            }
        }
    }

    /** Every host of the sink's address checked, or why the sink may not connect. */
    Checked check(BrokerSink sink) {
        Map<String, InetAddress> addresses = new LinkedHashMap<>();
        for (String host : hosts(sink.address())) {
            EgressRule.Target target = rule.check(host);
            if (!target.allowed()) {
                return new Checked(Map.of(), target.refusal());
            }
            addresses.put(host, target.address());
        }
        return new Checked(Map.copyOf(addresses), null);
    }

    /** The HTTP client of an SQS sink, connecting only to the address its endpoint's host was checked at. */
    PinnedSdkHttpClient pinnedHttp(Vertx vertx, BrokerSink sink, Checked checked, Duration timeout) {
        InetAddress address = checked.addressOf(URI.create(sink.address()).getHost());
        return new PinnedSdkHttpClient(new CheckedHttp(vertx, rule, PinnedSdkHttpClient.MAX_ANSWER), address, timeout);
    }

    /** Why the sink may not connect, or null when it may. */
    String refusal(BrokerSink sink) {
        return check(sink).refusal();
    }

    /** Why the pod may not connect to {@code host} (a broker the cluster named), or null when it may. */
    String refusalOfHost(String host) {
        return checkHost(host).refusal();
    }

    /** {@code host} resolved once and checked: the address to connect to, or why not. */
    EgressRule.Target checkHost(String host) {
        return rule.check(host);
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
