package io.kubezap.session.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "kubezap.events.stream")
public interface EventStreamSettings {

    /** A comment line this often keeps idle connections open through proxies and notices gone clients. */
    @WithDefault("15s")
    Duration heartbeat();
}
