package io.kubezap.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.kubezap.api.v1alpha1.DataOnDelete;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.DatabaseUnavailableException;
import io.kubezap.operator.database.SessionData;
import io.kubezap.operator.database.SessionRoles;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.events.SessionEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What deleting a session does to its data, after the logout: {@code dataOnDelete: Delete} removes its rows from
 * every table, {@code Retain} keeps them and says where in an Event; either way its database role is dropped. While
 * the database does not answer it retries, until {@code kubezap.database.cleanup-timeout} after the deletion was
 * requested; then it says what was left behind and lets the deletion proceed.
 */
@ApplicationScoped
public class SessionDataRelease {

    static final String DATA_DELETED = "DataDeleted";
    static final String DATA_RETAINED = "DataRetained";
    static final String DATA_CLEANUP_SKIPPED = "DataCleanupSkipped";

    private final SessionData data;
    private final SessionRoles roles;
    private final AdminDatabase database;
    private final EventRecorder events;
    private final OperatorConfig config;

    public SessionDataRelease(SessionData data, SessionRoles roles, AdminDatabase database, EventRecorder events,
                              OperatorConfig config) {
        this.data = data;
        this.roles = roles;
        this.database = database;
        this.events = events;
        this.config = config;
    }

    public DeleteControl beforeDeletion(WhatsAppSession session) {
        String namespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        try {
            if (session.getSpec().effectiveDataOnDelete() == DataOnDelete.Delete) {
                Map<String, Integer> deleted = data.delete(namespace, name);
                roles.drop(namespace, name);
                events.record(session, SessionEvent.normal(DATA_DELETED, "dataOnDelete: Delete removed "
                        + deleted.values().stream().mapToInt(Integer::intValue).sum() + " rows from " + database.describe()
                        + (deleted.isEmpty() ? "" : " (" + summary(deleted) + ")") + "; the session's database role was dropped"));
            } else {
                roles.drop(namespace, name);
                events.record(session, SessionEvent.normal(DATA_RETAINED, "dataOnDelete: Retain kept the session's rows in "
                        + database.describe() + ", every table, where namespace = '" + namespace + "' and session = '"
                        + name + "'; the session's database role was dropped"));
            }
            return DeleteControl.defaultDelete();
        } catch (DatabaseUnavailableException | MissingSecretException e) {
            if (Instant.now().isAfter(deadline(session))) {
                events.record(session, SessionEvent.warning(DATA_CLEANUP_SKIPPED, "gave up after "
                        + config.database().cleanupTimeout() + " on the session's data (dataOnDelete: "
                        + session.getSpec().effectiveDataOnDelete() + ") and database role "
                        + SessionRoles.roleName(namespace, name) + ": " + e.getMessage()));
                return DeleteControl.defaultDelete();
            }
            events.record(session, SessionEvent.warning(DatabaseUnavailableException.REASON, e.getMessage()));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.poll().pairingInterval().toMillis());
        }
    }

    private static String summary(Map<String, Integer> deleted) {
        return deleted.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    private Instant deadline(WhatsAppSession session) {
        String requested = session.getMetadata().getDeletionTimestamp();
        Instant since = requested == null ? Instant.now() : OffsetDateTime.parse(requested).toInstant();
        return since.plus(config.database().cleanupTimeout());
    }
}
