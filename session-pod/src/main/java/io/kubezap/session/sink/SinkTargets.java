package io.kubezap.session.sink;

import io.kubezap.session.media.AddressList;
import io.kubezap.session.webhook.WebhookSettings;
import io.kubezap.session.webhook.WebhookTargets;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a sink may not connect, whatever its address says: the webhooks' rule ({@link WebhookTargets}: link-local,
 * unspecified and multicast addresses, and the admin's {@code KUBEZAP_WEBHOOK_DENY_LIST}) applied to every host the
 * address names. Checked before each connection.
 */
@Singleton
public class SinkTargets {

    private final WebhookTargets rule;

    @Inject
    public SinkTargets(WebhookSettings settings) {
        this(AddressList.of("KUBEZAP_WEBHOOK_DENY_LIST", settings.denyList().orElse("")));
    }

    SinkTargets(AddressList denied) {
        this.rule = new WebhookTargets(denied);
    }

    /** Why the sink may not connect, or null when it may. */
    String refusal(BrokerSink sink) {
        for (String host : hosts(sink.address())) {
            String refused = rule.refusal(host);
            if (refused != null) {
                return refused;
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
