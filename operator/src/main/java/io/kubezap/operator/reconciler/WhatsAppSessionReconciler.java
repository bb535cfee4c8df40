package io.kubezap.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.kubezap.api.v1alpha1.EffectiveOutputs;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.ListPages;
import io.kubezap.operator.cache.MetadataPruning;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.gateway.GatewayKeyCopies;
import io.kubezap.operator.gateway.GatewayKeyCopyDependent;
import io.kubezap.operator.gateway.GatewayKeyWanted;
import io.kubezap.operator.model.IgnoredSpecFields;
import io.kubezap.operator.model.InstallationSinks;
import io.kubezap.operator.model.RolloutTurn;
import io.kubezap.operator.model.SessionAdmission;
import io.kubezap.operator.model.SessionDefaults;
import io.kubezap.operator.model.SessionKey;
import io.kubezap.operator.model.SessionOutputs;
import io.kubezap.operator.model.StorageModes;
import io.kubezap.operator.namespace.NamespaceObjects;
import io.kubezap.operator.pairing.PairingCodeShown;
import io.kubezap.operator.pairing.PairingSecretDependent;
import io.kubezap.operator.pause.ReconciliationPause;
import io.kubezap.operator.pause.SpecOrPauseChanged;
import io.kubezap.operator.polling.PodObservation;
import io.kubezap.operator.polling.PodStuckOnOldRevision;
import io.kubezap.operator.polling.PollTarget;
import io.kubezap.operator.polling.SessionPodPoller;
import io.kubezap.operator.polling.StuckPodReplacement;
import io.kubezap.operator.polling.StuckPods;
import io.kubezap.operator.sessionapi.SessionApiClient;
import io.kubezap.operator.sessionapi.SessionEndpoint;
import io.kubezap.operator.status.Observation;
import io.kubezap.operator.status.PodDiagnosis;
import io.kubezap.operator.status.StatusAggregator;
import io.kubezap.operator.workflow.AdmittedCondition;
import io.kubezap.operator.workflow.ApiKeySecretDependent;
import io.kubezap.operator.workflow.ClaimExpansionDependent;
import io.kubezap.operator.workflow.ClaimGrowthAsked;
import io.kubezap.operator.workflow.ClaimResizable;
import io.kubezap.operator.workflow.DatabaseSecretDependent;
import io.kubezap.operator.workflow.DatabaseSecretSource;
import io.kubezap.operator.workflow.NamespaceDefaults;
import io.kubezap.operator.workflow.OwnServiceKept;
import io.kubezap.operator.workflow.ReferencedSecrets;
import io.kubezap.operator.workflow.RoleAdmittedCondition;
import io.kubezap.operator.workflow.RolloutTurns;
import io.kubezap.operator.workflow.SessionRoleDependent;
import io.kubezap.operator.workflow.SessionRoleReady;
import io.kubezap.operator.workflow.SessionHosts;
import io.kubezap.operator.workflow.SessionServiceDependent;
import io.kubezap.operator.workflow.SessionStatefulSetDependent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles a WhatsAppSession: its dependents come from the workflow, one per kind, each with a pure
 * {@code desired()}: the API-key Secret; the session's database role (external), then its database Secret copy (the
 * two Secrets share one informer, "api-key"'s); the pairing Secret while the pod shows a code to link a phone (the
 * same informer); the session's own Service, kept only for a StatefulSet an earlier
 * release made; its namespace's headless Service and NetworkPolicies, shared by its sessions
 * ({@link NamespaceObjects}); the StatefulSet, which waits for both Secrets; the API key's copy in the gateway's
 * namespace; the volume claim's expansion after the StatefulSet; the replacement of a pod stuck on an old template
 * revision, after the StatefulSet. The pod and its REST API
 * are polled by {@link SessionPodPoller}, which wakes this class when what it saw changed. This class gathers what
 * was observed (the resource, the dependents' states, the pod) and {@link StatusAggregator} turns it into the
 * status, which {@link SessionStatusWriter} writes when it changed; a deleted session goes through
 * {@link SessionRemoval}. The workflow runs only while the session is not paused ({@link ReconciliationPause}):
 * a paused session's dependents stay exactly as they are, unless a tenant's pause meets installation settings its
 * StatefulSet was not made under.
 */
@ControllerConfiguration(name = WhatsAppSessionReconciler.NAME, fieldManager = MetadataPruning.FIELD_MANAGER,
        generationAwareEventProcessing = false,
        informer = @Informer(informerListLimit = ListPages.SIZE, onUpdateFilter = SpecOrPauseChanged.class))
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "api-key", type = ApiKeySecretDependent.class),
        @Dependent(name = WhatsAppSessionReconciler.ROLE, type = SessionRoleDependent.class,
                reconcilePrecondition = RoleAdmittedCondition.class, readyPostcondition = SessionRoleReady.class),
        @Dependent(name = "database", type = DatabaseSecretDependent.class,
                useEventSourceWithName = "api-key", dependsOn = WhatsAppSessionReconciler.ROLE),
        @Dependent(name = "pairing", type = PairingSecretDependent.class, useEventSourceWithName = "api-key",
                reconcilePrecondition = PairingCodeShown.class),
        @Dependent(name = "service", type = SessionServiceDependent.class, reconcilePrecondition = OwnServiceKept.class),
        @Dependent(name = "statefulset", type = SessionStatefulSetDependent.class,
                dependsOn = {"api-key", "database"},
                reconcilePrecondition = AdmittedCondition.class),
        @Dependent(name = "gateway-key", type = GatewayKeyCopyDependent.class, dependsOn = "api-key",
                reconcilePrecondition = GatewayKeyWanted.class),
        @Dependent(name = WhatsAppSessionReconciler.STORAGE, type = ClaimExpansionDependent.class,
                dependsOn = "statefulset", reconcilePrecondition = ClaimGrowthAsked.class,
                readyPostcondition = ClaimResizable.class),
        @Dependent(name = "stuck-pod", type = StuckPodReplacement.class, dependsOn = "statefulset",
                reconcilePrecondition = PodStuckOnOldRevision.class)
})
@GradualRetry(maxAttempts = -1, initialInterval = 2_000, intervalMultiplier = 2, maxInterval = 300_000)
public class WhatsAppSessionReconciler implements Reconciler<WhatsAppSession>, Cleaner<WhatsAppSession> {

    public static final String NAME = "whatsappsession";
    static final String ROLE = "database-role";
    static final String STORAGE = "volume-expansion";

    private final OperatorConfig config;
    private final SessionAdmission admission;
    private final SessionApiClient api;
    private final SessionStatusWriter status;
    private final SessionRemoval removal;
    private final DatabaseSecretSource databaseSource;
    private final GatewayKeyCopies gatewayKeys;
    private final NamespaceObjects namespaceObjects;
    private final ReconciliationPause pause;
    private final SessionHosts hosts;
    private volatile SessionPodPoller podPoller;

    public WhatsAppSessionReconciler(OperatorConfig config, SessionAdmission admission, SessionApiClient api,
                                     SessionStatusWriter status, SessionRemoval removal,
                                     DatabaseSecretSource databaseSource, GatewayKeyCopies gatewayKeys,
                                     NamespaceObjects namespaceObjects, SessionHosts hosts) {
        this.config = config;
        this.admission = admission;
        this.api = api;
        this.status = status;
        this.removal = removal;
        this.databaseSource = databaseSource;
        this.gatewayKeys = gatewayKeys;
        this.namespaceObjects = namespaceObjects;
        this.hosts = hosts;
        this.pause = ReconciliationPause.of(config);
    }

    @Override
    public UpdateControl<WhatsAppSession> reconcile(WhatsAppSession session, Context<WhatsAppSession> context) {
        try (SessionLogContext named = SessionLogContext.of(session)) {
            return reconciled(session, context);
        }
    }

    private UpdateControl<WhatsAppSession> reconciled(WhatsAppSession session, Context<WhatsAppSession> context) {
        Optional<ReconciliationPause.Why> paused = pause.why(session, context.getSecondaryResource(StatefulSet.class));
        if (paused.isPresent()) {
            podPoller.observe(session, PollTarget.NOTHING); // nothing reconciled, the pod no longer polled
            return status.paused(session, paused.get());
        }
        namespaceObjects.keep(session, context); // first: the pod reads the namespace's key-wrapping Secret
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        Optional<String> host = hosts.keep(session, context); // after the workflow: an entry reads the session's Secrets
        UpdateControl<WhatsAppSession> control = observe(session, context, host)
                .map(seen -> status.reconciled(session, seen.with(dependents(session, context))))
                .orElseGet(UpdateControl::noUpdate);
        if (pause.why(session).isPresent()) {
            // a pause that let the installation's settings through: looked at again soon, to hold and show it again
            return control.rescheduleAfter(config.poll().pairingInterval());
        }
        if (host.isPresent() && (!hostReady(context, session, host.get())
                || context.getSecondaryResource(StatefulSet.class).isPresent())) {
            // a host's StatefulSet wakes no session, and a pod left behind goes in the next reconcile: looked at again
            return control.rescheduleAfter(config.poll().pairingInterval());
        }
        return waitsForOthers(session, context) ? control.rescheduleAfter(config.poll().connectedInterval()) : control;
    }

    @Override
    public List<EventSource<?, WhatsAppSession>> prepareEventSources(EventSourceContext<WhatsAppSession> context) {
        List<EventSource<?, WhatsAppSession>> sources = new ArrayList<>();
        var namespaceDefaults = NamespaceDefaults.eventSource(context);
        sources.add(namespaceDefaults);
        sources.add(ReferencedSecrets.eventSource(context, InstallationSinks.of(config.session()),
                session -> withDefaults(session, namespaceDefaults)));
        podPoller = SessionPodPoller.create(context, api, context.getClient(), config, databaseSource,
                status.podReports(context));
        sources.add(podPoller);
        databaseSource.eventSource(context).ifPresent(sources::add);
        gatewayKeys.eventSource(context).ifPresent(sources::add);
        sources.addAll(namespaceObjects.eventSources(context));
        return sources;
    }

    @Override
    public ErrorStatusUpdateControl<WhatsAppSession> updateErrorStatus(WhatsAppSession session,
                                                                       Context<WhatsAppSession> context, Exception e) {
        try (SessionLogContext named = SessionLogContext.of(session)) {
            return status.failed(session, e);
        }
    }

    @Override
    public DeleteControl cleanup(WhatsAppSession session, Context<WhatsAppSession> context) {
        try (SessionLogContext named = SessionLogContext.of(session)) {
            return removal.cleanup(session, context);
        }
    }

    /**
     * The pod as last polled ({@link SessionPodPoller}), for what this reconcile says to poll: its REST API once it is
     * ready, the pod itself while it is not (a pod stuck on an old revision of the template is replaced by the
     * workflow's {@link StuckPodReplacement}), nothing while
     * suspended or held back by the session limit, nor before the StatefulSet controller reported a revision: it
     * creates the pod no earlier, so a new session's first look would always find none. Empty while the pod's REST API
     * is being asked for the first time since the target changed: the status stays as it is, and the answer (or the
     * call's timeout) wakes this reconciler again; no reconcile thread waits on a pod.
     */
    private Optional<Observation> observe(WhatsAppSession session, Context<WhatsAppSession> context, Optional<String> host) {
        // a session on a host is outside the session limit, which counts session pods
        boolean admitted = host.isPresent() || admission.isAdmitted(SessionKey.of(session));
        boolean suspended = session.getSpec().suspended();
        Optional<StatefulSet> statefulSet = host.isPresent() ? hostStatefulSet(context, session, host.get())
                : context.getSecondaryResource(StatefulSet.class);
        boolean podReady = statefulSet
                .map(s -> s.getStatus() != null && s.getStatus().getReadyReplicas() != null
                        && s.getStatus().getReadyReplicas() > 0)
                .orElse(false);
        PollTarget target = !admitted || suspended ? PollTarget.NOTHING
                : podReady ? PollTarget.api(ApiKeySecretDependent.apiKey(session, context).orElse(null))
                : host.isPresent() ? PollTarget.NOTHING // a host's pod is not the session's: its reconcile looks again
                : statefulSet.map(StuckPods::updateRevision).map(PollTarget::pod).orElse(PollTarget.NOTHING);
        return podPoller.observe(session, target)
                .map(polled -> observation(session, context, statefulSet, podReady, polled, host));
    }

    /** The host's StatefulSet, from the informer of the operator's StatefulSets (hosts carry its label). */
    @SuppressWarnings("unchecked")
    private static Optional<StatefulSet> hostStatefulSet(Context<WhatsAppSession> context, WhatsAppSession session, String host) {
        return ((InformerEventSource<StatefulSet, WhatsAppSession>) context.eventSourceRetriever()
                .getEventSourceFor(StatefulSet.class)).get(new ResourceID(host, session.getMetadata().getNamespace()));
    }

    private static boolean hostReady(Context<WhatsAppSession> context, WhatsAppSession session, String host) {
        return hostStatefulSet(context, session, host).map(set -> set.getStatus() != null
                && set.getStatus().getReadyReplicas() != null && set.getStatus().getReadyReplicas() > 0).orElse(false);
    }

    private Observation observation(WhatsAppSession session, Context<WhatsAppSession> context,
                                    Optional<StatefulSet> statefulSet, boolean podReady, PodObservation polled,
                                    Optional<String> host) {
        boolean suspended = session.getSpec().suspended();
        boolean admitted = host.isPresent() || admission.isAdmitted(SessionKey.of(session));
        PodDiagnosis.Problem podProblem = polled.podProblem();
        if (polled.stuckOnOldRevision() && StuckPodReplacement.replacedIn(context)) {
            podProblem = null;
        }
        Observation base = SessionStatusWriter.baseObservation(session);
        String endpoint = host.map(running -> SessionEndpoint.onHost(session, running))
                .orElseGet(() -> SessionEndpoint.of(session, statefulSet));
        return new Observation(base.generation(), endpoint, base.apiKeySecret(),
                suspended, admitted, podReady, polled.state(), polled.apiError(), polled.unknownPhase(), podProblem)
                .ignoring(IgnoredSpecFields.of(session.getSpec(), InstallationSinks.of(config.session())))
                .withOutputs(outputs(session, context))
                .withHost(host.orElse(null));
    }

    /** Where the session's events go, as its status shows it; null while its namespace's defaults are unreadable. */
    private EffectiveOutputs outputs(WhatsAppSession session, Context<WhatsAppSession> context) {
        try {
            return SessionOutputs.of(session.getSpec(), NamespaceDefaults.of(session, context),
                    SessionDefaults.installation(config.session().defaultWebhooks())).status(InstallationSinks.of(config.session()));
        } catch (NamespaceDefaults.InvalidException unreadable) {
            return null;
        }
    }

    /** The session with the defaults that apply to it, read from the defaults' informer (itself when none, or unreadable). */
    private WhatsAppSession withDefaults(WhatsAppSession session, InformerEventSource<ConfigMap, WhatsAppSession> defaults) {
        try {
            var configMap = defaults.get(new ResourceID(SessionDefaults.CONFIG_MAP, session.getMetadata().getNamespace()));
            return SessionOutputs.of(session.getSpec(), NamespaceDefaults.of(configMap),
                    SessionDefaults.installation(config.session().defaultWebhooks())).applyTo(session);
        } catch (NamespaceDefaults.InvalidException unreadable) {
            return session;
        }
    }

    /**
     * What the workflow's dependents reported: a volume claim its StorageClass does not let grow, a storage mode the
     * StatefulSet keeps against the spec.
     */
    private static Observation.Dependents dependents(WhatsAppSession session, Context<WhatsAppSession> context) {
        String storageRefusal = context.managedWorkflowAndDependentResourceContext().getWorkflowReconcileResult()
                .flatMap(result -> result.getDependentConditionResult(STORAGE, Condition.Type.READY, String.class))
                .orElse(null);
        return new Observation.Dependents(null, storageRefusal,
                StorageModes.kept(session, context.getSecondaryResource(StatefulSet.class)).orElse(null));
    }

    /**
     * The pod is polled on its own ({@link SessionPodPoller}) and StatefulSet changes wake the reconciler; only a session
     * waiting for others (a free slot under the session limit, a turn to roll its pod) is looked at again on a timer.
     */
    private boolean waitsForOthers(WhatsAppSession session, Context<WhatsAppSession> context) {
        return !admission.isAdmitted(SessionKey.of(session)) || RolloutTurns.decidedIn(context) == RolloutTurn.LATER;
    }
}
