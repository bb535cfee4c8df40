package io.kubezap.operator.database;

import io.kubezap.schema.SessionSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL server of its own, made as each of the chart's database modes makes it: a database {@value #DATABASE}
 * owned by the operator's admin, the chart's superuser bootstrap ({@value #BOOTSTRAP_FILE}, the single definition the
 * chart renders) run in it as the server's superuser, then the release's migrations run as the admin. Stopped when
 * the test JVM ends.
 */
public final class ChartServer {

    public static final String DATABASE = "kubezap";
    static final String BOOTSTRAP_FILE = "helm/kubezap/files/database-bootstrap.sql";
    private static final String ADMIN = "kubezap";
    private static final String ADMIN_PASSWORD = "admin-password";

    /** How the chart's database modes make the admin and run the bootstrap. */
    public enum Mode {
        /** The bundled PostgreSQL: the admin is the server's superuser; the image runs the bootstrap at initdb. */
        BUNDLED("superuser"),
        /** CloudNativePG: the Cluster's owner (managed.roles), not a superuser; postInitApplicationSQL runs the bootstrap. */
        CLOUDNATIVEPG("createrole in role pg_read_all_stats, pg_signal_backend");

        private final String adminAttributes;

        Mode(String adminAttributes) {
            this.adminAttributes = adminAttributes;
        }
    }

    private final EmbeddedPostgres server;

    private ChartServer(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Made in {@code mode}; with {@code bootstrap} false, as before the chart ran a bootstrap. */
    public static ChartServer start(Mode mode, boolean bootstrap) {
        try {
            ChartServer made = new ChartServer(EmbeddedPostgres.builder().start());
            try (Connection superuser = made.superuser("postgres")) {
                Sql.execute(superuser, "create role " + ADMIN + " login password '" + ADMIN_PASSWORD + "' " + mode.adminAttributes);
                Sql.execute(superuser, "create database " + DATABASE + " owner " + ADMIN);
            }
            if (bootstrap) {
                made.asSuperuser(Files.readString(bootstrapFile()));
            }
            Flyway.configure().dataSource(made.url(DATABASE), ADMIN, ADMIN_PASSWORD)
                    .locations("classpath:" + SessionSchema.MIGRATIONS).load().migrate();
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path bootstrapFile() {
        return Path.of(System.getProperty("kubezap.repositoryRoot", "..")).resolve(BOOTSTRAP_FILE);
    }

    /** Runs {@code sql} in {@value #DATABASE} as the server's superuser. */
    public void asSuperuser(String sql) throws SQLException {
        try (Connection superuser = superuser(DATABASE)) {
            Sql.execute(superuser, sql);
        }
    }

    public AdminDatabase admin() {
        return new AdminDatabase(() -> new AdminCredentials(url(DATABASE), ADMIN, ADMIN_PASSWORD));
    }

    /** Logged in to {@code database} as {@code role}. */
    public Connection connect(String database, String role, String password) throws SQLException {
        return DriverManager.getConnection(url(database), role, password);
    }

    private Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", "postgres");
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
    }
}
