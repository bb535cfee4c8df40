package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.SessionEvent;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.stream.Stream;

/** StatefulSet {@code <name>}, the session pod: rendered by {@link SessionStatefulSet}, rolled at {@link RolloutGate}'s pace. */
@KubernetesDependent(informer = @Informer(labelSelector = SessionObjects.MANAGED_SELECTOR))
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
        this();
        this.pod = new SessionStatefulSet(config, new PodTemplateHashes());
        this.events = events;
    }

    @Override
    public StatefulSet create(StatefulSet desired, WhatsAppSession session, Context<WhatsAppSession> context) {
        StatefulSet created = super.create(desired, session, context);
        events.record(session, SessionEvent.normal(Reason.PodCreated,
                "created StatefulSet " + desired.getMetadata().getName() + " for the session pod"));
        return created;
    }

    /**
     * A missing referenced Secret fails the reconcile here, before the StatefulSet is compared or written: the
     * running pod stays. (Not a reconcile precondition: JOSDK deletes a dependent whose precondition does not hold.)
     */
    @Override
    protected StatefulSet desired(WhatsAppSession session, Context<WhatsAppSession> context) {
        ReferencedSecrets.requirePresent(session, context, pod.installationSinks());
        // from the context, not getSecondaryResource(): JOSDK picks a dependent's secondary by its desired state
        Optional<StatefulSet> existing = context.getSecondaryResource(StatefulSet.class);
        PodInputs inputs = new PodInputs(DatabaseSecretDependent.credentialsDigest(session, context),
                ReferencedSecrets.digest(session, context, pod.installationSinks()));
        return rollouts.paced(ResourceID.fromResource(session), pod.render(session, inputs, existing), existing,
                () -> managedStatefulSets(context));
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
