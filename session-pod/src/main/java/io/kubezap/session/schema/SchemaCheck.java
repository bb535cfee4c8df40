package io.kubezap.session.schema;

import io.kubezap.schema.SchemaCompatibility;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares the migrations applied to the database (Flyway's history table, which session roles may select) with
 * this pod's own ({@link PackagedMigrations}). One query in one transaction, without Flyway: its {@code info()}
 * loaded some 390 classes into every pod for this, and took a round trip per metadata read (each a server login
 * behind a transaction-mode pooler with a database role per session).
 */
@Singleton
public class SchemaCheck {

    static final String HISTORY = "flyway_schema_history";
    private static final String UNDEFINED_TABLE = "42P01";

    private final DataSource dataSource;
    private final PackagedMigrations packaged;

    @Inject
    public SchemaCheck(DataSource dataSource, PackagedMigrations packaged) {
        this.dataSource = dataSource;
        this.packaged = packaged;
    }

    public SchemaStatus status() {
        try {
            return compare(packaged.versions(), history());
        } catch (SQLException | RuntimeException e) {
            return new SchemaStatus(SchemaStatus.State.UNREACHABLE, null, null, rootMessage(e));
        }
    }

    /** A row of the history table; schema-creation markers left out. */
    record Applied(SchemaVersion version, String type, boolean success) {
    }

    /** The applied migrations, and the oldest schema the database says it still serves (empty: none but its own). */
    record History(List<Applied> applied, Optional<SchemaVersion> compatibleFrom) {
        static final History NONE = new History(List.of(), Optional.empty());
    }

    private History history() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select version, type, success, " + SchemaCompatibility.READ_MARKER
                     + " from " + HISTORY + " where version is not null and type <> 'SCHEMA'")) {
            List<Applied> applied = new ArrayList<>();
            Optional<SchemaVersion> compatibleFrom = Optional.empty();
            while (rows.next()) {
                applied.add(new Applied(SchemaVersion.parse(rows.getString(1)), rows.getString(2), rows.getBoolean(3)));
                compatibleFrom = SchemaCompatibility.compatibleFrom(rows.getString(4)).map(SchemaVersion::parse);
            }
            return new History(applied, compatibleFrom);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return History.NONE; // nothing migrated yet
            }
            throw e;
        }
    }

    /**
     * Flyway's verdict from its {@code info()} (newer versions applied, pending or failed ones, or all applied), and for
     * a newer schema whether it still serves this pod's: its marker names this pod's newest migration or an older one.
     */
    static SchemaStatus compare(List<SchemaVersion> packaged, History history) {
        List<Applied> applied = history.applied();
        Optional<SchemaVersion> newestPackaged = packaged.stream().max(SchemaVersion::compareTo);
        String expected = newestPackaged.map(SchemaVersion::toString).orElse("none");
        String current = applied.stream().map(Applied::version).max(SchemaVersion::compareTo).map(SchemaVersion::toString).orElse(null);
        boolean ahead = applied.stream().anyMatch(a -> newestPackaged.isEmpty() || a.version().compareTo(newestPackaged.get()) > 0);
        String compatibleFrom = history.compatibleFrom().map(SchemaVersion::toString).orElse(null);
        boolean servesThisPod = newestPackaged.isPresent()
                && history.compatibleFrom().filter(from -> from.compareTo(newestPackaged.get()) <= 0).isPresent();
        if (ahead && !servesThisPod) {
            return new SchemaStatus(SchemaStatus.State.AHEAD, current, expected, compatibleFrom);
        }
        Optional<SchemaVersion> baseline = applied.stream().filter(a -> a.type().equals("BASELINE") && a.success())
                .map(Applied::version).max(SchemaVersion::compareTo);
        boolean failed = applied.stream().anyMatch(a -> !a.success());
        boolean pending = packaged.stream().anyMatch(version -> baseline.map(b -> version.compareTo(b) > 0).orElse(true)
                && applied.stream().noneMatch(a -> a.success() && a.version().equals(version)));
        if (failed || pending) {
            return new SchemaStatus(SchemaStatus.State.BEHIND, current, expected, null);
        }
        return ahead ? new SchemaStatus(SchemaStatus.State.NEWER_COMPATIBLE, current, expected, compatibleFrom)
                : new SchemaStatus(SchemaStatus.State.CURRENT, current, expected, null);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
