package io.kubezap.operator.events;

/**
 * Every reason the operator itself gives, in a condition of a session's status or in an Event on it; the name is what
 * the user reads (and what alerts and health checks match). Reasons taken from elsewhere pass through as text: the
 * pod's own failure reasons, its session phase, Kubernetes' words for a pod that is not ready (CrashLoopBackOff, ...).
 */
public enum Reason {

    // status conditions
    /** The operator's limit of concurrent sessions holds the session back. */
    SessionLimitReached,
    Suspended,
    PodNotReady,
    /**
     * Conditions Ready/PodReady=False and a Warning Event: the StatefulSet controller cannot create the session's pod
     * (its FailedCreate Event: a ResourceQuota, an admission webhook or Pod Security Admission refused it). Its name is
     * io.kubezap.api.v1alpha1.PodCreationFailures.REASON, which kubectl zap doctor reads (PodDiagnosisTest).
     */
    PodCreationFailed,
    PodReady,
    SessionApiUnreachable,
    /** The pod reported a phase outside the contract (io.kubezap.contract.PodPhase): a pod and operator out of step. */
    UnknownSessionPhase,
    Connected,
    Paired,
    NotPaired,
    /**
     * Conditions Ready/Connected=False while the phase is WaitingForPasskey: WhatsApp waits for the account owner's
     * passkey (status.passkey) before the link completes.
     */
    PasskeyRequired,
    LoggedOut,
    /** Not observed yet. */
    Unknown,
    /** Condition ReconciliationPaused: the session's annotation kubezap.io/pause-reconciliation is "true". */
    PausedByAnnotation,
    /** Condition ReconciliationPaused: the operator's kubezap.pause-reconciliation (chart: operator.pauseReconciliation) is true. */
    PausedByOperator,
    /** Condition KeyStoreHealthy: the pod's last start read the WhatsApp key store without repairs. */
    KeyStoreReadable,
    /**
     * Condition KeyStoreHealthy=False and a Warning Event, as the pod reports it (contract SessionState.StoreRepair): a
     * key store file could not be read and its previous copy was used; the session stays linked.
     */
    KeyStoreRestored,
    /** As {@link #KeyStoreRestored}, but no readable copy was left: the device must be linked again. */
    KeyStoreUnreadable,
    /** As {@link #KeyStoreRestored}, but the volume had no readable key store: its copy in PostgreSQL was put back. */
    KeyStoreRestoredFromDatabase,
    /** Condition StorageQuota=True: the session keeps less than spec.storage.quota again. */
    WithinQuota,
    /**
     * Condition StorageQuota=False and a Warning Event, as the pod reports it (contract SessionState.StorageQuota): the
     * session keeps more than spec.storage.quota; incoming media is not downloaded and media is not sent meanwhile.
     */
    QuotaExceeded,
    /**
     * Condition Restricted=True and a Warning Event, as the pod reports it (contract AccountRestrictions): WhatsApp put
     * the account under a reach-out restriction ("timelock") until the time the message names; first messages to
     * people it has no chat with fail with reachout-timelocked meanwhile.
     */
    ReachoutTimelocked,
    /** As {@link #ReachoutTimelocked}, for an account that used its new-chat quota of the cycle (new-chat-limit). */
    NewChatLimitReached,
    /** Condition Restricted=False and a Normal Event: WhatsApp lets the account start new chats again. */
    NotRestricted,
    /**
     * Condition AutoRepliesDropped=True and a Warning Event per count the pod publishes (contract
     * SessionState.AutoRepliesDropped): the automatic replies left incoming messages unanswered because of a limit
     * (queue-full, chat-cap, daily-cap, too-fast).
     */
    AutoRepliesDropped,
    /** A larger spec.storage.size cannot be applied: the claim's StorageClass does not allow expansion. */
    StorageExpansionUnsupported,
    /**
     * Condition StorageModeKept: spec.storage.mode asks for another mode than the session's StatefulSet was made in;
     * the session keeps its mode (its key store cannot move while the pod runs, nor a claim template change).
     */
    StorageModeSwitchRefused,
    /** Condition SpecFieldsIgnored: a field of the spec that only the cluster admin may decide (spec.media.allowPrivateUrls). */
    FieldsReservedToTheClusterAdmin,

    // the spec cannot be carried out (condition Ready=False and a Warning Event)
    /** A webhook's {@code secretRef} names a Secret or key that is not there. */
    WebhookSecretMissing,
    /**
     * The namespace's defaults (ConfigMap kubezap-session-defaults) are not what the CRD accepts in a session's spec:
     * none of them is applied and the pod keeps running as it is.
     */
    NamespaceDefaultsInvalid,
    /** The operator's database Secret, or one of its keys, is not there, so the session gets no copy. */
    DatabaseSecretMissing,
    /** The admin connection or a statement on it failed. */
    DatabaseUnavailable,
    /** An object the session needs exists under its name but is not the session's own: neither adopted nor changed. */
    ForeignObject,
    /**
     * spec.podTemplate.env names a variable no tenant may set (any but the pod's own tuning: the operator's, or
     * JAVA_TOOL_OPTIONS, LD_PRELOAD, OPENSSL_CONF, ...): no StatefulSet is created or changed.
     */
    ReservedEnvironmentVariable,
    /**
     * spec.autoReply cannot run (a rule's 'when' that is not a boolean CEL expression, an unknown time zone): the pod's
     * own reader refused it, so no StatefulSet is created or changed.
     */
    AutoReplyInvalid,
    /** Rows (and a volume) kept from a deleted session of the same name, another UID, that this session does not adopt. */
    KeptDataOfAnotherSession,
    ReconcileError,

    // events
    PodCreated,
    StuckPodReplaced,
    StorageExpanded,
    QRIssued,
    PairingCodeIssued,
    Disconnected,
    SessionFailed,
    LogoutSkipped,
    StoppingPod,
    /**
     * The session's cleanup waits for the other sessions of its namespace, all being deleted, to go first; then it
     * removes the namespace's headless Service and NetworkPolicies.
     */
    WaitingForOtherSessions,
    DataDeleted,
    DataRetained,
    DataCleanupSkipped
}
