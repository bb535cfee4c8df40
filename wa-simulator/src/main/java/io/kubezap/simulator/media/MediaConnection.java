package io.kubezap.simulator.media;

import java.time.Duration;
import java.util.List;

/**
 * What a {@code media_conn} query answers: the upload auth token, how long the client may use the
 * answer before asking again ({@code ttl}), how long the token stays valid ({@code auth_ttl}), and the hosts.
 */
public record MediaConnection(String auth, Duration ttl, Duration authTtl, int maxBuckets, List<String> hosts) {
}
