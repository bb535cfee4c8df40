package io.kubezap.session.pool;

import io.kubezap.session.config.DatabaseSettings;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Optional;

/**
 * The session's database and its pool, read by the names Quarkus' datasource extension read (the operator and the chart
 * set {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code _USERNAME}, {@code _PASSWORD}; any {@code quarkus.datasource.jdbc.*}
 * pool setting below still applies), with the pod's own defaults: {@code KUBEZAP_DATABASE_POOL_MAX} (3) connections at
 * most, none kept idle longer than {@code KUBEZAP_DATABASE_IDLE_TIMEOUT} (60 s) beyond {@code KUBEZAP_DATABASE_POOL_MIN}
 * (0; 1 behind a pooler), none opened before it is needed.
 * Read by name rather than declared: declared keys under {@code quarkus.} that no extension owns are reported as
 * unrecognised at every start, and that extension is gone
 * (docs/decisions/0002-agroal-pool-without-the-datasource-extension.md).
 * Local mode names its embedded server with {@code local-database.*} ({@link #LOCAL_URL}): names outside both
 * {@code quarkus.} (reported) and {@code kubezap.} (the pod's settings, each a row of contract.PodSetting).
 *
 * @param idleRemovalInterval a connection idle this long is closed (the pool checks at this interval)
 * @param backgroundValidationInterval how often idle connections are validated
 * @param foregroundValidationInterval an idle connection is validated before it is handed out when idle this long
 * @param maxLifetime a connection older than this is closed once returned
 * @param leakDetectionInterval a connection held longer than this is logged as a leak
 * @param newConnectionSql run on every new connection
 * @param detectStatementLeaks statements and result sets left open are closed with their connection (and logged)
 */
public record PoolSettings(Optional<String> url, Optional<String> username, Optional<String> password, int initialSize,
                           int minSize, int maxSize, Duration acquisitionTimeout, Duration idleRemovalInterval,
                           Duration backgroundValidationInterval, Optional<Duration> foregroundValidationInterval,
                           Optional<Duration> maxLifetime, Optional<Duration> leakDetectionInterval,
                           Optional<String> newConnectionSql, boolean detectStatementLeaks) {

    static final String URL = "quarkus.datasource.jdbc.url";
    /** Local mode's embedded server, set by io.kubezap.session.runtime.KubezapMain when {@link #URL} is not. */
    public static final String LOCAL_URL = "local-database.url";
    public static final String LOCAL_USERNAME = "local-database.username";
    public static final String LOCAL_PASSWORD = "local-database.password";
    private static final String JDBC = "quarkus.datasource.jdbc.";

    /** {@code config}'s {@code quarkus.datasource.*} values where set, else {@code own}'s. */
    public static PoolSettings of(Config config, DatabaseSettings own) {
        Optional<String> url = config.getOptionalValue(URL, String.class).map(String::strip).filter(value -> !value.isEmpty());
        boolean local = url.isEmpty();
        return new PoolSettings(
                local ? config.getOptionalValue(LOCAL_URL, String.class) : url,
                config.getOptionalValue(local ? LOCAL_USERNAME : "quarkus.datasource.username", String.class),
                config.getOptionalValue(local ? LOCAL_PASSWORD : "quarkus.datasource.password", String.class),
                config.getOptionalValue(JDBC + "initial-size", Integer.class).orElse(0),
                config.getOptionalValue(JDBC + "min-size", Integer.class).orElse(own.poolMin()),
                config.getOptionalValue(JDBC + "max-size", Integer.class).orElse(own.poolMax()),
                config.getOptionalValue(JDBC + "acquisition-timeout", Duration.class).orElse(Duration.ofSeconds(30)),
                config.getOptionalValue(JDBC + "idle-removal-interval", Duration.class).orElse(own.idleTimeout()),
                config.getOptionalValue(JDBC + "background-validation-interval", Duration.class).orElse(Duration.ofMinutes(2)),
                config.getOptionalValue(JDBC + "foreground-validation-interval", Duration.class),
                config.getOptionalValue(JDBC + "max-lifetime", Duration.class),
                config.getOptionalValue(JDBC + "leak-detection-interval", Duration.class),
                config.getOptionalValue(JDBC + "new-connection-sql", String.class),
                config.getOptionalValue(JDBC + "detect-statement-leaks", Boolean.class).orElse(true));
    }
}
