package io.kubezap.operator.database;

import io.kubezap.schema.SessionSchema;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue 79, S1: the server's other databases a tenant's namespace role may log in to, where none of kubezap's quotas,
 * revokes or row-level security hold (large objects, temporary tables, advisory locks). PostgreSQL gives CONNECT on
 * every database to PUBLIC; the chart's bootstrap revokes it, a server set up before it or by hand may still allow it.
 * Checked once the operator can reach the server after it starts, and warned about: the operator changes no other
 * database.
 */
@ApplicationScoped
public class TenantReachableDatabases {

    private static final Logger LOG = Logger.getLogger(TenantReachableDatabases.class);
    private static final String REACHABLE = """
            select d.datname from pg_database d
            where d.datname <> current_database() and d.datallowconn
              and case when to_regrole(?) is null then false else has_database_privilege(?, d.oid, 'CONNECT') end
            order by 1""";

    private static final Duration RETRY = Duration.ofSeconds(30);

    private final AdminDatabase admin;
    private ScheduledExecutorService schedule;

    public TenantReachableDatabases(AdminDatabase admin) {
        this.admin = admin;
    }

    /** The other databases that the group of every tenant's role, and so each of them, may connect to. */
    public List<String> find() throws SQLException {
        return admin.use(connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(REACHABLE)) {
                query.setString(1, SessionSchema.SESSION_GROUP_ROLE);
                query.setString(2, SessionSchema.SESSION_GROUP_ROLE);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
            }
            return names;
        });
    }

    void check(@Observes StartupEvent started) {
        schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tenant-reachable-databases").factory());
        schedule.execute(this::warnOnce);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    /** Until it could look once: at start the admin's Secret may not be read yet, or the server not up. */
    private void warnOnce() {
        try {
            List<String> reachable = find();
            if (!reachable.isEmpty()) {
                LOG.warnf("tenants' database roles (group %s) may log in to %s on the same server and store there outside "
                        + "every quota: as the superuser, revoke connect, temporary on each from public, and reject +%1$s "
                        + "there in pg_hba.conf (docs/database.md, \"External PostgreSQL\")",
                        SessionSchema.SESSION_GROUP_ROLE, String.join(", ", reachable));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf(e, "could not yet check which other databases tenants may log in to; again in %s", RETRY);
            schedule.schedule(this::warnOnce, RETRY.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
