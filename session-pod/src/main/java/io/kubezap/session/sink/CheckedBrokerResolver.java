package io.kubezap.session.sink;

import io.kubezap.session.egress.EgressRule;
import org.apache.kafka.clients.HostResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How the Kafka client finds a broker's address each time it connects (the bootstrap servers and every broker the
 * cluster advertises, for records, metadata and the producer id): the egress rule resolves the name and checks the
 * answer, and the client gets only that checked address. A refused broker is an unknown host to the client, which then
 * never connects to it; the latest refusal is kept to say why nothing was sent.
 */
final class CheckedBrokerResolver implements HostResolver {

    private final SinkTargets targets;
    private final AtomicReference<String> latestRefusal = new AtomicReference<>();

    CheckedBrokerResolver(SinkTargets targets) {
        this.targets = targets;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        EgressRule.Target target = targets.checkHost(host);
        if (!target.allowed()) {
            latestRefusal.set("the Kafka client was to connect to broker " + host + ", and " + target.refusal());
            throw new UnknownHostException(latestRefusal.get());
        }
        return new InetAddress[]{target.address()};
    }

    /** Why the client was last refused a broker, or null. */
    String latestRefusal() {
        return latestRefusal.get();
    }
}
