package io.kubezap.simulator.stream;

import io.kubezap.simulator.media.MediaHost;
import it.auties.whatsapp.model.node.Node;

import java.util.Optional;

import static io.kubezap.simulator.stream.ServerNodes.attributes;

/**
 * Answers {@code <iq xmlns="w:m"><media_conn/></iq>}: a fresh upload auth token, how long to use this
 * answer ({@code ttl}) and the token ({@code auth_ttl}), and the media hosts.
 */
final class MediaConnections {
    private MediaConnections() {
    }

    static Optional<Node> answer(Node iq, MediaHost host) {
        if (!"w:m".equals(iq.attributes().getString("xmlns", "")) || !iq.hasNode("media_conn")) {
            return Optional.empty();
        }
        var connection = host.newConnection();
        var hosts = connection.hosts().stream()
                .map(hostname -> Node.of("host", attributes("hostname", hostname)))
                .toList();
        return Optional.of(ServerNodes.result(iq, Node.of("media_conn", attributes(
                "auth", connection.auth(),
                "ttl", connection.ttl().toSeconds(),
                "auth_ttl", connection.authTtl().toSeconds(),
                "max_buckets", connection.maxBuckets()), hosts)));
    }
}
