package io.kubezap.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.operator.events.Reason;

import java.time.Instant;
import java.util.List;

import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_AUTO_REPLIES_DROPPED;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_CONNECTED;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_KEY_STORE_HEALTHY;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_RESTRICTED;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_STORAGE_QUOTA;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_PAIRED;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_POD_READY;
import static io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_READY;

/**
 * Turns what was observed of a session into its status. One pure function of (previous status, observation, now):
 * no I/O, so every rule below is unit-tested. The observation holds the resource, its dependents' states and the
 * pod's report; nothing here reads a cluster, a database or a pod.
 */
public final class StatusAggregator {

    /** Present only while a larger spec.storage.size cannot be applied. */
    public static final String CONDITION_STORAGE_RESIZED = "StorageResized";
    /** Present only while set spec fields are not carried out. */
    public static final String CONDITION_SPEC_FIELDS_IGNORED = "SpecFieldsIgnored";
    public static final String CONDITION_STORAGE_MODE_KEPT = "StorageModeKept";

    private StatusAggregator() {
    }

    /** The status with the linking codes where the design puts them by default: in the status and the Secret. */
    public static WhatsAppSessionStatus aggregate(WhatsAppSessionStatus previous, Observation seen, Instant now) {
        return aggregate(previous, seen, now, CodePlacement.STATUS_AND_SECRET);
    }

    public static WhatsAppSessionStatus aggregate(WhatsAppSessionStatus previous, Observation seen, Instant now,
                                                  CodePlacement codes) {
        Observation.Failure failure = seen.dependents().failure();
        if (failure != null) {
            return blocked(previous, seen, failure, now, codes);
        }
        var conditions = new Conditions(previous, seen.generation(), now);
        WhatsAppSessionStatus next = carriedOver(previous, seen);
        if (!seen.admitted()) {
            notServing(next, conditions, SessionPhase.Pending, Reason.SessionLimitReached.name(),
                    "the operator's limit of concurrent sessions is reached; the session starts when a slot frees up");
        } else if (seen.suspended()) {
            notServing(next, conditions, SessionPhase.Suspended, Reason.Suspended.name(),
                    "spec.suspend is true: no pod runs, credentials are kept");
        } else if (!seen.podReady() && seen.podProblem() != null) {
            notServing(next, conditions, SessionPhase.Pending, seen.podProblem().reason(), seen.podProblem().message());
        } else if (!seen.podReady()) {
            notServing(next, conditions, SessionPhase.Pending, Reason.PodNotReady.name(),
                    "the session pod is not ready yet");
        } else if (seen.unknownPhase() != null) {
            notServing(next, conditions, SessionPhase.Pending, Reason.UnknownSessionPhase.name(), "the session pod reported phase "
                    + seen.unknownPhase() + ", which this operator does not know: are the operator and the session "
                    + "image of the same release?");
        } else if (seen.state() == null) {
            notServing(next, conditions, SessionPhase.Pending, Reason.SessionApiUnreachable.name(),
                    "the session pod's REST API did not answer: " + seen.apiError());
        } else {
            serving(next, conditions, seen.state(), now, codes);
        }
        List<Condition> all = new java.util.ArrayList<>(next.getConditions());
        storageNotResized(conditions, seen.dependents().storageRefusal()).ifPresent(all::add);
        storageModeKept(conditions, seen.dependents().storageModeKept()).ifPresent(all::add);
        specFieldsIgnored(conditions, seen.ignoredSpecFields()).ifPresent(all::add);
        next.setConditions(List.copyOf(all));
        return next;
    }

    /**
     * The status while the spec cannot be carried out (e.g. a referenced Secret is missing): everything observed
     * before stays, Ready turns False with the failure's reason.
     */
    private static WhatsAppSessionStatus blocked(WhatsAppSessionStatus previous, Observation seen,
                                                 Observation.Failure failure, Instant now, CodePlacement codes) {
        var conditions = new Conditions(previous, seen.generation(), now);
        WhatsAppSessionStatus next = carriedOver(previous, seen);
        next.setPhase(previous != null && previous.getPhase() != null ? previous.getPhase() : SessionPhase.Pending);
        next.setPairing(previous == null ? null : previous.getPairing());
        if (previous != null && codes == CodePlacement.STATUS_AND_SECRET) {
            next.setQr(previous.getQr());
            next.setPairingCode(previous.getPairingCode());
            next.setPasskey(previous.getPasskey());
        }
        next.setConditions(List.of(
                conditions.of(CONDITION_READY, false, failure.reason(), failure.message()),
                conditions.unchanged(CONDITION_POD_READY, Reason.PodNotReady.name(), "not observed yet"),
                conditions.unchanged(CONDITION_PAIRED, Reason.Unknown.name(), "not observed yet"),
                conditions.unchanged(CONDITION_CONNECTED, Reason.Unknown.name(), "not observed yet")));
        return next;
    }

    /**
     * Condition {@code StorageResized=False} while {@code spec.storage.size} asks for more than the volume has and
     * its StorageClass does not allow expansion; absent otherwise. The session itself keeps running on the volume it has.
     */
    private static java.util.Optional<Condition> storageNotResized(Conditions conditions, String refusal) {
        return java.util.Optional.ofNullable(refusal).map(message -> conditions.of(CONDITION_STORAGE_RESIZED, false,
                Reason.StorageExpansionUnsupported.name(), message));
    }

    /**
     * Condition {@code StorageModeKept=True} while {@code spec.storage.mode} asks for another mode than the session's
     * StatefulSet was made in (switching is refused); absent otherwise. The session runs on in its mode.
     */
    private static java.util.Optional<Condition> storageModeKept(Conditions conditions, String why) {
        return java.util.Optional.ofNullable(why).map(message -> conditions.of(CONDITION_STORAGE_MODE_KEPT, true,
                Reason.StorageModeSwitchRefused.name(), message));
    }

    /** Condition {@code SpecFieldsIgnored=True} while set spec fields are not carried out, each with why; absent otherwise. */
    private static java.util.Optional<Condition> specFieldsIgnored(Conditions conditions, List<String> ignored) {
        return ignored.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(conditions.of(
                CONDITION_SPEC_FIELDS_IGNORED, true, Reason.FieldsReservedToTheClusterAdmin.name(), String.join("; ", ignored)));
    }

    private static WhatsAppSessionStatus carriedOver(WhatsAppSessionStatus previous, Observation seen) {
        WhatsAppSessionStatus next = new WhatsAppSessionStatus();
        next.setObservedGeneration(seen.generation());
        next.setEndpoint(seen.endpoint());
        next.setHost(seen.host());
        next.setApiKeySecret(seen.apiKeySecret());
        next.setOutputs(seen.outputs());
        if (previous != null) {
            next.setAccount(previous.getAccount());
            next.setLastConnectedAt(previous.getLastConnectedAt());
            next.setReconnects(previous.getReconnects());
            if (seen.outputs() == null) { // not known this time (defaults unreadable): what was shown stays
                next.setOutputs(previous.getOutputs());
            }
        }
        return next;
    }

    /** No live answer from the pod: nothing may claim Connected; pairing is what was last known. */
    private static void notServing(WhatsAppSessionStatus next, Conditions conditions, SessionPhase phase,
                                   String reason, String message) {
        next.setPhase(phase);
        List<Condition> all = new java.util.ArrayList<>(List.of(
                conditions.of(CONDITION_READY, false, reason, message),
                conditions.of(CONDITION_POD_READY, false, reason, message),
                conditions.unchanged(CONDITION_PAIRED, Reason.Unknown.name(), "the session has not been observed yet"),
                conditions.of(CONDITION_CONNECTED, false, reason, message)));
        conditions.kept(CONDITION_KEY_STORE_HEALTHY).ifPresent(all::add);
        conditions.kept(CONDITION_STORAGE_QUOTA).ifPresent(all::add);
        conditions.kept(CONDITION_RESTRICTED).ifPresent(all::add);
        conditions.kept(CONDITION_AUTO_REPLIES_DROPPED).ifPresent(all::add);
        next.setConditions(List.copyOf(all));
    }

    private static void serving(WhatsAppSessionStatus next, Conditions conditions, SessionState state, Instant now,
                                CodePlacement codes) {
        SessionPhase phase = state.phase() == null ? SessionPhase.Starting : phaseOf(state.phase());
        next.setPhase(phase);
        WaitingCode.of(state, now).ifPresent(waiting -> waiting.showIn(next, state.name(), codes));
        WaitingPasskey.of(state, now).ifPresent(challenge -> WaitingPasskey.showIn(next, challenge, codes));
        next.setAccount(state.account());
        if (state.lastConnectedAt() != null) {
            next.setLastConnectedAt(state.lastConnectedAt().toString());
        }
        next.setReconnects(state.reconnects());
        boolean connected = phase == SessionPhase.Connected;
        String why = state.lastError() != null && state.lastError().message() != null
                ? state.lastError().message() : "session phase is " + phase;
        Condition ready = connected
                ? conditions.of(CONDITION_READY, true, Reason.Connected.name(), "the session is connected and serving")
                : conditions.of(CONDITION_READY, false, failureReason(state, phase), why);
        Condition paired = state.account() != null
                ? conditions.of(CONDITION_PAIRED, true, Reason.Paired.name(), "linked to " + state.account().jid())
                : conditions.of(CONDITION_PAIRED, false, (phase == SessionPhase.LoggedOut ? Reason.LoggedOut : Reason.NotPaired).name(),
                "no WhatsApp account is linked to this session");
        Condition connection = connected
                ? conditions.of(CONDITION_CONNECTED, true, Reason.Connected.name(), "the WhatsApp socket is open")
                : conditions.of(CONDITION_CONNECTED, false, failureReason(state, phase), why);
        List<Condition> all = new java.util.ArrayList<>(List.of(ready,
                conditions.of(CONDITION_POD_READY, true, Reason.PodReady.name(), "the session pod is ready and answering"),
                paired, connection, keyStore(conditions, state.storeRepair())));
        storageQuota(conditions, state.storageQuota()).ifPresent(all::add);
        RestrictedCondition.of(conditions, state.restrictions(), now).ifPresent(all::add);
        autoRepliesDropped(conditions, state.autoRepliesDropped()).ifPresent(all::add);
        next.setConditions(List.copyOf(all));
    }

    /**
     * {@code KeyStoreHealthy}: False from a repair the pod reports until a pod of the session starts and reads the store
     * without one (True); absent until the pod's state was first read, kept as it was while the pod does not answer.
     * The message names the repair's time: a later repair is a new message, hence a new Event.
     */
    private static Condition keyStore(Conditions conditions, SessionState.StoreRepair repair) {
        return repair == null
                ? conditions.of(CONDITION_KEY_STORE_HEALTHY, true, Reason.KeyStoreReadable.name(),
                "the session pod read the WhatsApp key store without repairs")
                : conditions.of(CONDITION_KEY_STORE_HEALTHY, false, repair.reason(), repair.message() + " (at " + repair.at() + ")");
    }

    /**
     * {@code StorageQuota}: False while the pod reports the quota exceeded; True once it no longer does, after having
     * been False; absent for a session that never reached its quota. The message names the measurement that crossed it.
     */
    private static java.util.Optional<Condition> storageQuota(Conditions conditions, SessionState.StorageQuota quota) {
        if (quota != null) {
            return java.util.Optional.of(conditions.of(CONDITION_STORAGE_QUOTA, false, Reason.QuotaExceeded.name(),
                    "the session keeps " + quota.usedBytes() + " bytes, more than its quota of " + quota.quotaBytes()
                            + " (spec.storage.quota, since " + quota.since() + "): incoming media is not downloaded and"
                            + " sending media is refused (507); texts are still stored and sent"));
        }
        return conditions.kept(CONDITION_STORAGE_QUOTA).map(previous -> conditions.of(CONDITION_STORAGE_QUOTA, true,
                Reason.WithinQuota.name(), "the session keeps less than its storage quota"));
    }

    /**
     * {@code AutoRepliesDropped=True} once the pod reports drops since it started; absent otherwise. The message names
     * the count and its time: each count the pod publishes (every 100th drop) is a new message, hence one new Event.
     */
    private static java.util.Optional<Condition> autoRepliesDropped(Conditions conditions, SessionState.AutoRepliesDropped dropped) {
        return java.util.Optional.ofNullable(dropped).map(drops -> conditions.of(CONDITION_AUTO_REPLIES_DROPPED, true,
                Reason.AutoRepliesDropped.name(), drops.count() + " incoming messages left unanswered by the automatic replies"
                        + " since the pod started (latest: " + drops.reason() + " at " + drops.at()
                        + "); kubezap_auto_replies_dropped_total{reason} counts each"));
    }

    private static String failureReason(SessionState state, SessionPhase phase) {
        if (phase == SessionPhase.WaitingForPasskey) {
            return Reason.PasskeyRequired.name();
        }
        return state.lastError() != null && state.lastError().reason() != null && phase != SessionPhase.WaitingForQR
                && phase != SessionPhase.WaitingForPairingCode ? state.lastError().reason() : phase.name();
    }

    /** The resource phase for a phase the pod reported: every pod phase is one (no default: a new one fails to compile). */
    static SessionPhase phaseOf(PodPhase reported) {
        return switch (reported) {
            case Starting -> SessionPhase.Starting;
            case WaitingForQR -> SessionPhase.WaitingForQR;
            case WaitingForPairingCode -> SessionPhase.WaitingForPairingCode;
            case WaitingForPasskey -> SessionPhase.WaitingForPasskey;
            case Connected -> SessionPhase.Connected;
            case Reconnecting -> SessionPhase.Reconnecting;
            case LoggedOut -> SessionPhase.LoggedOut;
            case Failed -> SessionPhase.Failed;
        };
    }
}
