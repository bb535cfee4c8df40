package io.kubezap.operator.polling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.NameSetter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.SessionEvent;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The workflow's step that replaces a pod stuck on an old revision of its template ({@link StuckPods}): a dependent of
 * the StatefulSet reconciled only while {@link PodStuckOnOldRevision} holds (the last poll saw it so). Pods are not
 * cached by the operator: the pod is read again here and deleted only if it is still stuck; a Normal Event
 * ({@code StuckPodReplaced}) says so. Its resource is the pod it deleted in this reconcile.
 */
public class StuckPodReplacement implements DependentResource<StuckPodReplacement.Replaced, WhatsAppSession>, NameSetter {

    private static final String REPLACED = StuckPodReplacement.class.getName();
    private String name = DependentResource.defaultNameFor(StuckPodReplacement.class);

    @Inject
    EventRecorder events;

    public StuckPodReplacement() {
    }

    /** For unit tests, outside CDI. */
    public StuckPodReplacement(EventRecorder events) {
        this.events = events;
    }

    @Override
    public ReconcileResult<Replaced> reconcile(WhatsAppSession session, Context<WhatsAppSession> context) {
        StatefulSet statefulSet = context.getSecondaryResource(StatefulSet.class).orElse(null);
        Pod pod = context.getClient().pods().inNamespace(session.getMetadata().getNamespace())
                .withName(session.getMetadata().getName() + "-0").get();
        if (!StuckPods.replaceIfStuck(context.getClient(), statefulSet, pod)) {
            return ReconcileResult.noOperation(null);
        }
        String podName = pod.getMetadata().getName();
        Replaced replaced = new Replaced(podName);
        context.managedWorkflowAndDependentResourceContext().put(REPLACED, replaced);
        events.record(session, SessionEvent.normal(Reason.StuckPodReplaced, "pod " + podName
                + " never became ready on an old revision of its template; deleted so it starts on the current one"));
        return ReconcileResult.resourceUpdated(replaced);
    }

    /** Whether this reconcile's workflow deleted the session's stuck pod: what the last poll saw of it is gone. */
    public static boolean replacedIn(Context<WhatsAppSession> context) {
        return context.managedWorkflowAndDependentResourceContext().get(REPLACED, Replaced.class).isPresent();
    }

    @Override
    public Optional<Replaced> getSecondaryResource(WhatsAppSession session, Context<WhatsAppSession> context) {
        return context.managedWorkflowAndDependentResourceContext().get(REPLACED, Replaced.class);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void setName(String name) {
        this.name = name;
    }

    @Override
    public Class<Replaced> resourceType() {
        return Replaced.class;
    }

    /**
     * The pod deleted in this reconcile. A class of this module, not a record nor a JDK type: it is the dependent's
     * resource type, which the Operator SDK's build step looks up in the application's index.
     */
    public static final class Replaced {

        private final String pod;

        Replaced(String pod) {
            this.pod = pod;
        }

        public String pod() {
            return pod;
        }
    }
}
