package io.kubezap.operator.events;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.SessionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_AUTO_REPLIES_DROPPED;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_CONNECTED;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_PAIRED;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_POD_READY;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_KEY_STORE_HEALTHY;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_RESTRICTED;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_STORAGE_QUOTA;

/**
 * The Events a status change is worth: QR issued, paired, connected, disconnected, logged out, failures, each WhatsApp
 * Web version WhatsApp refused as outdated.
 */
public final class StatusTransitions {

    private StatusTransitions() {
    }

    /** A code of this kind waits now and did not before; its rotations are not news. */
    private static boolean issued(WhatsAppSessionStatus previous, WhatsAppSessionStatus after, PairingMethod method) {
        return after.getPairing() != null && after.getPairing().method() == method
                && (previous.getPairing() == null || previous.getPairing().method() != method);
    }

    public static List<SessionEvent> between(WhatsAppSessionStatus before, WhatsAppSessionStatus after) {
        WhatsAppSessionStatus previous = before != null ? before : new WhatsAppSessionStatus();
        List<SessionEvent> events = new ArrayList<>();
        if (issued(previous, after, PairingMethod.QR)) {
            events.add(SessionEvent.normal(Reason.QRIssued, "scan the QR code in Secret " + after.getPairing().secretName()
                    + " (key qr; kubectl zap qr draws it) with WhatsApp (valid until " + after.getPairing().expiresAt() + ")"));
        }
        if (issued(previous, after, PairingMethod.PairingCode)) {
            events.add(SessionEvent.normal(Reason.PairingCodeIssued, "type the code in Secret "
                    + after.getPairing().secretName() + " (key pairing-code) on the phone (valid until "
                    + after.getPairing().expiresAt() + ")"));
        }
        if (turned(previous, after, CONDITION_PAIRED, "True")) {
            events.add(SessionEvent.normal(Reason.Paired, message(after, CONDITION_PAIRED)));
        }
        if (turned(previous, after, CONDITION_CONNECTED, "True")) {
            events.add(SessionEvent.normal(Reason.Connected, message(after, CONDITION_CONNECTED)));
        } else if (is(previous, CONDITION_CONNECTED, "True") && !is(after, CONDITION_CONNECTED, "True")) {
            events.add(SessionEvent.warning(Reason.Disconnected, reasonAndMessage(after, CONDITION_CONNECTED)));
        }
        if (entered(previous, after, SessionPhase.LoggedOut)) {
            events.add(SessionEvent.warning(Reason.LoggedOut, "the device was unlinked from the WhatsApp account; pair it again"));
        }
        if (entered(previous, after, SessionPhase.Failed)) {
            events.add(SessionEvent.warning(Reason.SessionFailed, reasonAndMessage(after, CONDITION_CONNECTED)));
        }
        if (turned(previous, after, CONDITION_POD_READY, "False")
                && reasonOf(after, CONDITION_POD_READY).filter(r -> !r.equals(Reason.PodNotReady.name())).isPresent()
                || podProblemFound(previous, after)) {
            events.add(SessionEvent.warning(reasonOf(after, CONDITION_POD_READY).orElseThrow(),
                    message(after, CONDITION_POD_READY)));
        }
        if (turned(previous, after, CONDITION_STORAGE_QUOTA, "False")) {
            events.add(SessionEvent.warning(Reason.QuotaExceeded, message(after, CONDITION_STORAGE_QUOTA)));
        }
        if (changedWhileTrue(previous, after, CONDITION_RESTRICTED)) {
            events.add(SessionEvent.warning(reasonOf(after, CONDITION_RESTRICTED).orElseThrow(), message(after, CONDITION_RESTRICTED)));
        } else if (turned(previous, after, CONDITION_RESTRICTED, "False")) {
            events.add(SessionEvent.normal(Reason.NotRestricted, message(after, CONDITION_RESTRICTED)));
        }
        if (newlyOutdated(previous, after)) {
            events.add(SessionEvent.warning(SessionState.LastError.CLIENT_OUTDATED, message(after, CONDITION_CONNECTED)));
        }
        if (changedWhileTrue(previous, after, CONDITION_AUTO_REPLIES_DROPPED)) {
            events.add(SessionEvent.warning(Reason.AutoRepliesDropped, message(after, CONDITION_AUTO_REPLIES_DROPPED)));
        }
        if (newRepair(previous, after)) {
            events.add(SessionEvent.warning(reasonOf(after, CONDITION_KEY_STORE_HEALTHY).orElseThrow(),
                    message(after, CONDITION_KEY_STORE_HEALTHY)));
        }
        return events;
    }

    /**
     * A pod on its way (PodNotReady) turned out to have a problem Kubernetes reports (it cannot be created, scheduled,
     * pulled, started): a session is PodNotReady from its first status on, so the pod's problem never "turns" False.
     */
    private static boolean podProblemFound(WhatsAppSessionStatus before, WhatsAppSessionStatus after) {
        return is(before, CONDITION_POD_READY, "False")
                && reasonOf(before, CONDITION_POD_READY).filter(Reason.PodNotReady.name()::equals).isPresent()
                && is(after, CONDITION_POD_READY, "False")
                && reasonOf(after, CONDITION_POD_READY).filter(StatusTransitions::reportedOfThePod).isPresent();
    }

    /** Kubernetes' words for a pod (not one of the operator's reasons), or the operator's for a pod not created. */
    private static boolean reportedOfThePod(String reason) {
        return reason.equals(Reason.PodCreationFailed.name())
                || java.util.Arrays.stream(Reason.values()).noneMatch(known -> known.name().equals(reason));
    }

    /** One Event per refused version: the message names it, and a refusal repeated unchanged is not news. */
    private static boolean newlyOutdated(WhatsAppSessionStatus before, WhatsAppSessionStatus after) {
        return reasonOf(after, CONDITION_CONNECTED).filter(SessionState.LastError.CLIENT_OUTDATED::equals).isPresent()
                && !(reasonOf(before, CONDITION_CONNECTED).equals(reasonOf(after, CONDITION_CONNECTED))
                && message(before, CONDITION_CONNECTED).equals(message(after, CONDITION_CONNECTED)));
    }

    /** One Event per repair: each has its own message (it names its time). */
    private static boolean newRepair(WhatsAppSessionStatus before, WhatsAppSessionStatus after) {
        return is(after, CONDITION_KEY_STORE_HEALTHY, "False")
                && !(is(before, CONDITION_KEY_STORE_HEALTHY, "False")
                && message(before, CONDITION_KEY_STORE_HEALTHY).equals(message(after, CONDITION_KEY_STORE_HEALTHY)));
    }

    /**
     * True now with another message than before: one Event per restriction (a new end or cause) and per count of dropped
     * automatic replies; the same one polled again is not news.
     */
    private static boolean changedWhileTrue(WhatsAppSessionStatus before, WhatsAppSessionStatus after, String type) {
        return is(after, type, "True") && !(is(before, type, "True") && message(before, type).equals(message(after, type)));
    }

    private static boolean entered(WhatsAppSessionStatus before, WhatsAppSessionStatus after, SessionPhase phase) {
        return before.getPhase() != phase && after.getPhase() == phase;
    }

    private static boolean turned(WhatsAppSessionStatus before, WhatsAppSessionStatus after, String type, String status) {
        return !is(before, type, status) && is(after, type, status);
    }

    private static boolean is(WhatsAppSessionStatus status, String type, String value) {
        return status.condition(type).map(Condition::getStatus).filter(value::equals).isPresent();
    }

    private static Optional<String> reasonOf(WhatsAppSessionStatus status, String type) {
        return status.condition(type).map(Condition::getReason);
    }

    private static String message(WhatsAppSessionStatus status, String type) {
        return status.condition(type).map(Condition::getMessage).orElse("");
    }

    private static String reasonAndMessage(WhatsAppSessionStatus status, String type) {
        return status.condition(type).map(c -> c.getReason() + ": " + c.getMessage()).orElse("");
    }
}
