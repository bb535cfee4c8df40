package io.kubezap.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.kubezap.api.v1alpha1.DataOnDelete;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.DatabaseUnavailableException;
import io.kubezap.operator.database.KeptData;
import io.kubezap.operator.database.SessionData;
import io.kubezap.operator.database.SessionRoles;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.SessionEvent;
import io.kubezap.operator.model.MissingSecretException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What deleting a session does to its data, after the logout: {@code dataOnDelete: Delete} stops the pod, then removes
 * its rows from every table and its volume claim (WhatsApp key store and media files); {@code Retain} keeps both and
 * says where in an Event; either way its database role is dropped. While
 * the database does not answer it retries, until {@code kubezap.database.cleanup-timeout} after the deletion was
 * requested; then it says what was left behind and lets the deletion proceed.
 */
@ApplicationScoped
public class SessionDataRelease {

    private final SessionData data;
    private final SessionRoles roles;
    private final AdminDatabase database;
    private final SessionVolumeRelease volumes;
    private final EventRecorder events;
    private final OperatorConfig config;
    private final KeptData keptData;

    public SessionDataRelease(SessionData data, SessionRoles roles, AdminDatabase database, SessionVolumeRelease volumes,
                              EventRecorder events, OperatorConfig config, KeptData keptData) {
        this.keptData = keptData;
        this.data = data;
        this.volumes = volumes;
        this.roles = roles;
        this.database = database;
        this.events = events;
        this.config = config;
    }

    public DeleteControl beforeDeletion(WhatsAppSession session) {
        String namespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        try {
            var keptForAnother = keptData.anotherSessions(session);
            if (keptForAnother.isPresent()) {
                roles.drop(namespace, name);
                events.record(session, SessionEvent.normal(Reason.DataRetained, "the rows and volume claim kept under "
                        + namespace + "/" + name + " belong to a deleted session of the same name (uid "
                        + keptForAnother.get() + "), which this one never adopted: left as they are"));
            } else if (session.getSpec().effectiveDataOnDelete() == DataOnDelete.Delete) {
                if (!volumes.stopPod(session) && Instant.now().isBefore(deadline(session))) {
                    events.record(session, SessionEvent.normal(Reason.StoppingPod, "dataOnDelete: Delete waits for pod "
                            + SessionVolumeRelease.podName(session) + " to stop before removing the session's rows and "
                            + "volume claim"));
                    return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.poll().pairingInterval().toMillis());
                }
                Map<String, Integer> deleted = data.delete(namespace, name);
                roles.drop(namespace, name);
                String claim = SessionVolumeRelease.claimName(session);
                String claimOutcome = volumes.deleteClaim(session)
                        ? "volume claim " + claim + " (WhatsApp keys and media files) deleted"
                        : "no volume claim " + claim + " was left";
                events.record(session, SessionEvent.normal(Reason.DataDeleted, "dataOnDelete: Delete removed "
                        + deleted.values().stream().mapToInt(Integer::intValue).sum() + " rows from " + database.describe()
                        + (deleted.isEmpty() ? "" : " (" + summary(deleted) + ")") + "; " + claimOutcome
                        + "; the session's database token was dropped"));
            } else {
                roles.drop(namespace, name);
                keptData.recordKept(session);
                events.record(session, SessionEvent.normal(Reason.DataRetained, "dataOnDelete: Retain kept the session's rows in "
                        + database.describe() + ", every table, where namespace = '" + namespace + "' and session = '"
                        + name + "'; " + retainedClaim(session) + "; the session's database token was dropped"));
            }
            return DeleteControl.defaultDelete();
        } catch (DatabaseUnavailableException | MissingSecretException e) {
            if (Instant.now().isAfter(deadline(session))) {
                events.record(session, SessionEvent.warning(Reason.DataCleanupSkipped, "gave up after "
                        + config.database().cleanupTimeout() + " on the session's data (dataOnDelete: "
                        + session.getSpec().effectiveDataOnDelete() + ") and database token of " + namespace + "/" + name
                        + ": " + e.getMessage()));
                return DeleteControl.defaultDelete();
            }
            events.record(session, SessionEvent.warning(Reason.DatabaseUnavailable, e.getMessage()));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.poll().pairingInterval().toMillis());
        }
    }

    private static String retainedClaim(WhatsAppSession session) {
        String claim = SessionVolumeRelease.claimName(session);
        return session.getSpec().effectiveStorage().deletesClaim()
                ? "its volume claim " + claim + " (WhatsApp keys and media files) goes with the StatefulSet (storage.deleteClaim: true)"
                : "its volume claim " + claim + " (WhatsApp keys and media files) is kept";
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
