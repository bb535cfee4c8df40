package io.kubezap.kubectl.doctor;

import io.kubezap.api.v1alpha1.PodCreationFailures;

import java.util.Map;
import java.util.function.Function;

/** What to do about each reason a session's conditions or Kubernetes give. */
final class Remedies {

    private static final String AUTO_REPLIES_DROPPED = "AutoRepliesDropped";

    private Remedies() {
    }

    private static final Map<String, Function<SessionFacts, String>> BY_REASON = Map.ofEntries(
            Map.entry("Unschedulable", f -> "add nodes or capacity (spec.resources requests must fit a node), or relax "
                    + "spec.podTemplate placement (nodeSelector, tolerations, affinity)"),
            Map.entry("FailedScheduling", f -> remedy(f, "Unschedulable")),
            Map.entry("ImagePullBackOff", f -> "check the session image (the chart's session.image) and its pull Secret "
                    + "(session.podTemplate.imagePullSecrets); kubectl describe pod " + f.podName() + " -n "
                    + f.namespace() + " shows the registry's answer"),
            Map.entry("ErrImagePull", f -> remedy(f, "ImagePullBackOff")),
            Map.entry("InvalidImageName", f -> remedy(f, "ImagePullBackOff")),
            Map.entry("CrashLoopBackOff", f -> "see why it exits: kubectl zap logs " + f.name() + " -n " + f.namespace()
                    + " (or kubectl logs " + f.podName() + " --previous)"),
            Map.entry("CreateContainerConfigError", f -> "a Secret or ConfigMap the pod reads is missing: kubectl "
                    + "describe pod " + f.podName() + " -n " + f.namespace()),
            Map.entry("FailedMount", f -> "a volume or Secret the pod mounts is missing or cannot attach: kubectl "
                    + "describe pod " + f.podName() + " -n " + f.namespace()),
            Map.entry("WebhookSecretMissing", f -> "create the Secret the message names, labelled "
                    + "kubezap.io/session-secret=true, or fix spec.webhooks[].secretRef"),
            Map.entry("DatabaseSecretMissing", f -> "the operator's database Secret is missing: the platform team sets "
                    + "it (the chart's database settings)"),
            Map.entry("DatabaseUnavailable", f -> "PostgreSQL does not answer the operator: see KubezapDatabaseDown in "
                    + "docs/runbooks.md (platform team)"),
            Map.entry("SessionLimitReached", f -> "the operator's session limit (operator.maxSessions) is reached: "
                    + "raise it or delete sessions no longer used"),
            Map.entry("ReservedEnvironmentVariable", f -> "remove the variable from spec.podTemplate.env"),
            Map.entry("ForeignObject", f -> "an object of the session's name is not the session's: rename the session "
                    + "or remove that object"),
            Map.entry("KeptDataOfAnotherSession", f -> "data of a deleted session of this name is kept: pick another "
                    + "name, or delete that data (docs/runbooks.md)"),
            Map.entry("SessionApiUnreachable", f -> "the pod's REST API does not answer: kubectl zap logs " + f.name()
                    + " -n " + f.namespace()),
            Map.entry("UnknownSessionPhase", f -> "the operator and the session image are of different releases: "
                    + "upgrade both to the same"),
            Map.entry("LoggedOut", f -> "link the device again: kubectl zap qr " + f.name() + " -n " + f.namespace()),
            Map.entry("KeyStoreUnreadable", f -> remedy(f, "LoggedOut")),
            Map.entry("WaitingForQR", f -> "scan the code with WhatsApp: kubectl zap qr " + f.name() + " -n "
                    + f.namespace()),
            Map.entry("WaitingForPairingCode", f -> "type the code on the phone: kubectl zap status " + f.name() + " -n "
                    + f.namespace()),
            Map.entry("QuotaExceeded", f -> "raise spec.storage.quota, or let the retention delete old media"),
            Map.entry("ReachoutTimelocked", f -> "WhatsApp lifts it itself: reply in existing chats and start none until "
                    + "then (docs/runbooks.md#kubezapsessionreachouttimelocked)"),
            Map.entry("NewChatLimitReached", f -> "keep new contacts for WhatsApp's next cycle, or let them write first "
                    + "(docs/runbooks.md#kubezapsessionnewchatquotaexhausted)"),
            Map.entry("StorageExpansionUnsupported", f -> "the volume's StorageClass cannot grow it: set spec.storage.size "
                    + "back, or move the session to a class that allows expansion"),
            Map.entry("StorageModeSwitchRefused", f -> "set spec.storage.mode back to the session's mode (a mode is "
                    + "chosen at creation)"),
            Map.entry("FieldsReservedToTheClusterAdmin", f -> "remove the field, or ask the cluster admin to set it "
                    + "for the installation"),
            Map.entry("NoStatus", f -> "check that the operator runs and watches namespace " + f.namespace()
                    + ": kubectl get pods -A -l app.kubernetes.io/name=kubezap-operator, and its logs"),
            Map.entry("SpecNotObserved", f -> remedy(f, "NoStatus")));

    /** @param message what is wrong: for a pod the StatefulSet controller cannot create, its words say who refused it */
    static String remedy(SessionFacts facts, String reason, String message) {
        if (PodCreationFailures.REASON.equals(reason)) {
            return podCreation(facts, message);
        }
        if (AUTO_REPLIES_DROPPED.equals(reason)) {
            return autoRepliesDropped(facts, message);
        }
        return BY_REASON.getOrDefault(reason, f -> "kubectl describe whatsappsession " + f.name() + " -n "
                + f.namespace() + ", and kubectl zap logs " + f.name()).apply(facts);
    }

    private static String remedy(SessionFacts facts, String reason) {
        return remedy(facts, reason, "");
    }

    /** By the latest drop's reason, which the condition's message names ({@code latest: queue-full at …}). */
    private static String autoRepliesDropped(SessionFacts facts, String message) {
        String logs = "kubectl zap logs " + facts.name() + " -n " + facts.namespace() + " names the chats";
        if (message.contains("latest: queue-full")) {
            return "more messages arrived than the automatic replies keep up with (a flood, often from one contact): "
                    + logs + "; block a contact that floods";
        }
        if (message.contains("latest: too-fast")) {
            return "a contact answers faster than a person types (another bot): " + logs + "; nothing else to do";
        }
        return "the AI responder reached its cap of the day (spec.autoReply.ai.maxRepliesPerChatPerDay, "
                + "maxRepliesPerDay): raise it if the traffic is wanted; " + logs;
    }

    private static String podCreation(SessionFacts facts, String message) {
        String namespace = facts.namespace();
        if (message.contains("exceeded quota")) {
            return "raise the namespace's ResourceQuota (kubectl describe resourcequota -n " + namespace
                    + ") or lower spec.resources";
        }
        if (message.contains("PodSecurity")) {
            return "the namespace's Pod Security level refuses the pod: check the label "
                    + "pod-security.kubernetes.io/enforce on namespace " + namespace
                    + " and spec.podTemplate (session pods are made for \"restricted\")";
        }
        if (message.contains("admission webhook")) {
            return "the admission webhook the message names refused the pod: ask whoever runs that policy, or change "
                    + "spec.podTemplate to pass it";
        }
        return "kubectl describe statefulset " + facts.name() + " -n " + namespace + " shows the controller's message";
    }
}
