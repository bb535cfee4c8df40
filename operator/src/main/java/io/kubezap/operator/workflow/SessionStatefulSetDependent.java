package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.ListPages;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.SessionEvent;
import io.kubezap.operator.model.PodInputs;
import io.kubezap.operator.model.PodTemplateHashes;
import io.kubezap.operator.model.RolloutGate;
import io.kubezap.operator.model.RolloutTurn;
import io.kubezap.operator.model.SessionKey;
import io.kubezap.operator.model.SessionObjects;
import io.kubezap.operator.model.SessionStatefulSet;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * StatefulSet {@code <name>}, the session pod: rendered by {@link SessionStatefulSet}, rolled at {@link RolloutGate}'s
 * pace ({@link RolloutTurn}, decided in {@link #reconcile} before {@link #desired} runs).
 */
@KubernetesDependent(informer = @Informer(labelSelector = SessionObjects.MANAGED_SELECTOR, informerListLimit = ListPages.SIZE))
public class SessionStatefulSetDependent extends OwnedDependent<StatefulSet>
        implements Creator<StatefulSet, WhatsAppSession>, Updater<StatefulSet, WhatsAppSession>, GarbageCollected<WhatsAppSession> {

    @Inject
    SessionStatefulSet pod;
    @Inject
    EventRecorder events;
    @Inject
    RolloutGate rollouts;

    public SessionStatefulSetDependent() {
        super(StatefulSet.class);
    }

    /** For unit tests, outside CDI. */
    SessionStatefulSetDependent(OperatorConfig config, EventRecorder events) {
        this(config, events, new RolloutGate(config));
    }

    SessionStatefulSetDependent(OperatorConfig config, EventRecorder events, RolloutGate rollouts) {
        this();
        this.pod = new SessionStatefulSet(config, new PodTemplateHashes());
        this.events = events;
        this.rollouts = rollouts;
    }

    @Override
    public StatefulSet create(StatefulSet desired, WhatsAppSession session, Context<WhatsAppSession> context) {
        StatefulSet created = super.create(desired, session, context);
        events.record(session, SessionEvent.normal(Reason.PodCreated,
                "created StatefulSet " + desired.getMetadata().getName() + " for the session pod"));
        return created;
    }

    /**
     * First the rollout's turn ({@link RolloutGate}), as data for {@link #desired}: the only step of this dependent
     * that asks anyone besides the informer caches; then JOSDK's compare and write.
     */
    @Override
    public ReconcileResult<StatefulSet> reconcile(WhatsAppSession session, Context<WhatsAppSession> context) {
        Optional<StatefulSet> existing = context.getSecondaryResource(StatefulSet.class);
        RolloutTurns.handTo(rollouts.turn(SessionKey.of(session), rendered(session, context, existing), existing,
                () -> managedStatefulSets(context)), context);
        return super.reconcile(session, context);
    }

    /**
     * Pure: the session, the caches and the turn handed over in the context in, the StatefulSet out. A missing
     * referenced Secret fails the reconcile here, before the StatefulSet is compared or written: the running pod
     * stays. (Not a reconcile precondition: JOSDK deletes a dependent whose precondition does not hold.)
     */
    @Override
    protected StatefulSet desired(WhatsAppSession session, Context<WhatsAppSession> context) {
        Optional<StatefulSet> existing = context.getSecondaryResource(StatefulSet.class);
        return RolloutTurns.handedTo(context).applyTo(rendered(session, context, existing), existing);
    }

    /** The StatefulSet the spec asks for, with the namespace's or installation's defaults applied, with the newest pod template. */
    private StatefulSet rendered(WhatsAppSession resource, Context<WhatsAppSession> context, Optional<StatefulSet> existing) {
        return rendered(pod, resource, context, existing);
    }

    /** The same, for a session host's entry ({@link SessionHosts}): one builder for both placements. */
    static StatefulSet rendered(SessionStatefulSet pod, WhatsAppSession resource, Context<WhatsAppSession> context,
                                Optional<StatefulSet> existing) {
        WhatsAppSession session = pod.outputs(resource, NamespaceDefaults.of(resource, context)).applyTo(resource);
        ReferencedSecrets.requirePresent(session, context, pod.installationSinks());
        // from the context, not getSecondaryResource(): JOSDK picks a dependent's secondary by its desired state
        PodInputs inputs = new PodInputs(DatabaseSecretDependent.credentialsDigest(session, context),
                ReferencedSecrets.digest(session, context, pod.installationSinks()));
        return pod.render(session, inputs, existing);
    }

    /** By name: JOSDK's default renders the desired StatefulSet just to learn its name, at every look-up. */
    @Override
    protected ResourceID targetSecondaryResourceID(WhatsAppSession session, Context<WhatsAppSession> context) {
        return new ResourceID(session.getMetadata().getName(), session.getMetadata().getNamespace());
    }

    @SuppressWarnings("unchecked")
    private static Stream<StatefulSet> managedStatefulSets(Context<WhatsAppSession> context) {
        return ((InformerEventSource<StatefulSet, WhatsAppSession>)
                context.eventSourceRetriever().getEventSourceFor(StatefulSet.class)).list();
    }
}
