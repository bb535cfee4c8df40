package io.kubezap.operator.database;

import io.kubezap.schema.SessionSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL (embedded, one per test JVM) with the session pods' schema, migrated from the schema module's
 * migrations (the single definition, on the class path) the way the release's migration Job does. The admin is the server's superuser, as in the chart's bundled PostgreSQL.
 */
public final class MigratedDatabase {

    private static EmbeddedPostgres server;

    private MigratedDatabase() {
    }

    public static synchronized AdminCredentials admin() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            migrate(url("postgres"), "classpath:" + SessionSchema.MIGRATIONS);
        }
        return new AdminCredentials(url("postgres"), "postgres", "postgres");
    }

    /**
     * A server of its own, started with {@code settings} (postgresql.conf) and migrated: for a test that needs the
     * server's limits small. Stopped when the test JVM ends.
     */
    public static AdminCredentials separateServer(Map<String, String> settings) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres separate = builder.start();
            String url = "jdbc:postgresql://localhost:" + separate.getPort() + "/postgres";
            migrate(url, "classpath:" + SessionSchema.MIGRATIONS);
            return new AdminCredentials(url, "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server of its own with TLS whose pg_hba lets the pooler's server role in by client certificate only (record
     * 0020), the superuser in from loopback without a password, and every other role with its password.
     */
    public static AdminCredentials certificateServer(Path directory, ServerCertificates certificates) throws IOException {
        Path hba = Files.writeString(directory.resolve("pg_hba.conf"), """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                hostssl all %1$s 127.0.0.1/32 cert
                host all %1$s all reject
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """.formatted(SessionSchema.POOLED_SERVER_ROLE));
        return separateServer(Map.of("ssl", "on", "ssl_cert_file", certificates.serverCertificate().toString(),
                "ssl_key_file", certificates.serverKey().toString(), "ssl_ca_file", certificates.ca().toString(),
                "hba_file", hba.toString()));
    }

    /** A new, empty database on the same server (for migration runs that must start from nothing). */
    public static String freshDatabase(String name) throws SQLException {
        AdminCredentials admin = admin();
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return url(name);
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
    }

    public static void migrate(String jdbcUrl, Path directory) {
        migrate(jdbcUrl, "filesystem:" + directory);
    }

    private static void migrate(String jdbcUrl, String location) {
        Flyway.configure()
                .dataSource(jdbcUrl, "postgres", "postgres")
                .locations(location)
                .load()
                .migrate();
    }

    /** Copies the migrations into {@code directory}, where a test can add one of its own. */
    public static void copyMigrations(Path directory) throws IOException {
        ClassLoader classLoader = MigratedDatabase.class.getClassLoader();
        try (InputStream list = classLoader.getResourceAsStream(SessionSchema.MIGRATION_LIST)) {
            for (String script : new String(list.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList()) {
                try (InputStream content = classLoader.getResourceAsStream(SessionSchema.MIGRATIONS + "/" + script)) {
                    Files.copy(content, directory.resolve(script));
                }
            }
        }
    }

    public static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(admin().jdbcUrl(), user, password);
    }
}
