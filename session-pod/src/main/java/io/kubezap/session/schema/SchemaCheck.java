package io.kubezap.session.schema;

import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * Compares the applied migrations with this pod's own (classpath {@code db/migration}, the single definition the
 * migration runner applies too). Reads only Flyway's history table, which session roles may select, in one read-only
 * transaction (see {@link SingleTransactionDataSource} for why).
 */
@Singleton
public class SchemaCheck {

    private final Flyway flyway;

    public SchemaCheck(Flyway flyway) {
        this.flyway = flyway;
    }

    public SchemaStatus status() {
        try (SingleTransactionDataSource oneTransaction =
                     new SingleTransactionDataSource(flyway.getConfiguration().getDataSource())) {
            return of(Flyway.configure(flyway.getConfiguration().getClassLoader())
                    .configuration(flyway.getConfiguration())
                    .dataSource(oneTransaction)
                    .load()
                    .info());
        } catch (SQLException | RuntimeException e) {
            return new SchemaStatus(SchemaStatus.State.UNREACHABLE, null, null, rootMessage(e));
        }
    }

    static SchemaStatus of(MigrationInfoService info) {
        MigrationInfo current = info.current();
        String currentVersion = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
        String expected = Arrays.stream(info.all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .map(MigrationVersion::getVersion)
                .orElse("none");
        boolean ahead = Arrays.stream(info.all()).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                || m.getState() == MigrationState.FUTURE_FAILED);
        if (ahead) {
            return new SchemaStatus(SchemaStatus.State.AHEAD, currentVersion, expected, null);
        }
        if (info.pending().length > 0 || Arrays.stream(info.all()).anyMatch(m -> m.getState().isFailed())) {
            return new SchemaStatus(SchemaStatus.State.BEHIND, currentVersion, expected, null);
        }
        return new SchemaStatus(SchemaStatus.State.CURRENT, currentVersion, expected, null);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
