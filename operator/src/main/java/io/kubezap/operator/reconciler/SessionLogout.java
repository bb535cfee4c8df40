package io.kubezap.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.SessionEvent;
import io.kubezap.operator.sessionapi.SessionApiClient;
import io.kubezap.operator.sessionapi.SessionApiException;
import io.kubezap.operator.workflow.ApiKeySecretDependent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Unlinks the device before a session with {@code logoutOnDelete} goes away. Retries while the pod does not answer,
 * but only until {@code kubezap.logout-timeout} after the deletion was requested: then it gives up, says so in an
 * Event and lets the deletion proceed.
 */
@ApplicationScoped
public class SessionLogout {

    /**
     * {@code "true"} on a WhatsAppSession: delete it without asking its pod to log out (a dead pod, a namespace being
     * torn down); the device stays linked.
     */
    public static final String SKIP_LOGOUT_ANNOTATION = "kubezap.io/skip-logout";

    private final SessionApiClient api;
    private final EventRecorder events;
    private final OperatorConfig config;
    private final Clock clock;

    public SessionLogout(SessionApiClient api, EventRecorder events, OperatorConfig config) {
        this.api = api;
        this.events = events;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    public DeleteControl beforeDeletion(WhatsAppSession session, Context<WhatsAppSession> context) {
        if (!session.getSpec().logsOutOnDelete()) {
            return DeleteControl.defaultDelete();
        }
        if ("true".equals(session.getMetadata().getAnnotations() == null ? null
                : session.getMetadata().getAnnotations().get(SKIP_LOGOUT_ANNOTATION))) {
            return skipped(session, "annotation " + SKIP_LOGOUT_ANNOTATION + " is \"true\"");
        }
        if (session.getSpec().suspended()) {
            return skipped(session, "the session is suspended, no pod runs to log out");
        }
        Optional<String> apiKey = ApiKeySecretDependent.apiKey(session, context);
        if (apiKey.isEmpty()) {
            return skipped(session, "the session's API key Secret is gone");
        }
        Duration left = Duration.between(clock.instant(), deadline(session));
        if (left.isNegative() || left.isZero()) {
            return skipped(session, "the session pod did not confirm the logout within " + config.logoutTimeout());
        }
        try {
            Duration bound = left.compareTo(config.session().requestTimeout()) < 0 ? left : config.session().requestTimeout();
            api.logout(session, apiKey.get(), bound);
            events.record(session, SessionEvent.normal(Reason.LoggedOut, "the device was unlinked from WhatsApp before deletion"));
            return DeleteControl.defaultDelete();
        } catch (SessionApiException e) {
            return DeleteControl.noFinalizerRemoval()
                    .rescheduleAfter(config.poll().pairingInterval().toMillis());
        }
    }

    private Instant deadline(WhatsAppSession session) {
        String requested = session.getMetadata().getDeletionTimestamp();
        Instant since = requested == null ? clock.instant() : OffsetDateTime.parse(requested).toInstant();
        return since.plus(config.logoutTimeout());
    }

    private DeleteControl skipped(WhatsAppSession session, String why) {
        events.record(session, SessionEvent.warning(Reason.LogoutSkipped, "logout skipped: " + why
                + "; the device may still be linked (remove it under Linked devices on the phone)"));
        return DeleteControl.defaultDelete();
    }
}
