package io.kubezap.session.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The pod's own database settings ({@code KUBEZAP_DATABASE_*}); the login itself is Quarkus' names ({@code pool.PoolSettings}). */
public interface DatabaseSettings {

    /** KUBEZAP_DATABASE_POOL_MAX: connections one session opens at most (the chart sets it from the connection budget). */
    @WithDefault("3")
    int poolMax();

    /**
     * KUBEZAP_DATABASE_POOL_MIN: connections kept open however long idle. 1 behind a pooler (the operator sets it from
     * the chart): a client connection there costs the pooler a few KB and no server process, and a session that keeps
     * it does not log in again at each write after a quiet minute, nor all at once after a failover.
     */
    @WithDefault("0")
    int poolMin();

    /** KUBEZAP_DATABASE_IDLE_TIMEOUT: a connection idle this long is closed, so an idle session holds none. */
    @WithDefault("60s")
    Duration idleTimeout();

    /**
     * KUBEZAP_DATABASE_TOKEN: the session's database token (from its {@code <name>-database} Secret), presented first in
     * every transaction when the pod logs in with its namespace's role (docs/decisions/0017); unset with a role of the
     * session's own.
     */
    Optional<String> token();
}
