package io.kubezap.operator.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL (embedded, one per test JVM) with the session pod's schema, migrated from session-pod's own
 * migration files (the single definition; path from the surefire property {@code operator.migrationsDir}) the way the
 * release's migration Job does. The admin is the server's superuser, as in the chart's bundled PostgreSQL.
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
            migrate(url("postgres"), migrationsDir());
        }
        return new AdminCredentials(url("postgres"), "postgres", "postgres");
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
        Flyway.configure()
                .dataSource(jdbcUrl, "postgres", "postgres")
                .locations("filesystem:" + directory)
                .load()
                .migrate();
    }

    public static Path migrationsDir() {
        return Path.of(System.getProperty("operator.migrationsDir", "../session-pod/src/main/resources/db/migration"));
    }

    public static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(admin().jdbcUrl(), user, password);
    }
}
