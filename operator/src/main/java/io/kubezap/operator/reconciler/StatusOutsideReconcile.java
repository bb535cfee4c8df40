package io.kubezap.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.dependent.RecentOperationCacheFiller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.kubezap.api.v1alpha1.WhatsAppSession;

/**
 * Writes a session's status outside its reconcile (a pod's own report, {@code polling.PodReportWriter}), as JOSDK
 * writes a reconcile's: server-side apply with the controller's field manager, or a merge patch where the operator
 * does not apply (the tests' mock API server). Only on the resource version it was computed from: a session changed
 * since is left to its reconcile. The written resource goes to the sessions' cache at once, as JOSDK does after a
 * reconcile's write, so a reconcile that runs before the watch brings it starts from it.
 */
final class StatusOutsideReconcile {

    private final KubernetesClient client;
    private final Cache<WhatsAppSession> sessions;
    private final PatchContext patch;

    StatusOutsideReconcile(EventSourceContext<WhatsAppSession> context) {
        this.client = context.getClient();
        this.sessions = context.getPrimaryCache();
        this.patch = context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource()
                ? new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(context.getControllerConfiguration().fieldManager()).withForce(true).build()
                : PatchContext.of(PatchType.JSON_MERGE);
    }

    /**
     * {@code withStatus} (name, namespace and status only) written over {@code session}; false when the session
     * changed since the version it was computed from.
     */
    boolean write(WhatsAppSession session, WhatsAppSession withStatus) {
        withStatus.getMetadata().setResourceVersion(session.getMetadata().getResourceVersion());
        WhatsAppSession written;
        try {
            written = client.resource(withStatus).subresource("status").patch(patch);
        } catch (KubernetesClientException conflict) {
            if (conflict.getCode() == 409) {
                return false;
            }
            throw conflict;
        }
        if (sessions instanceof RecentOperationCacheFiller<?> filler) {
            @SuppressWarnings("unchecked")
            RecentOperationCacheFiller<WhatsAppSession> cache = (RecentOperationCacheFiller<WhatsAppSession>) filler;
            cache.handleRecentResourceUpdate(ResourceID.fromResource(written), written, session);
        }
        return true;
    }
}
