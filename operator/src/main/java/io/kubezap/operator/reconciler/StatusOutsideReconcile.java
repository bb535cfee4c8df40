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

import java.util.List;
import java.util.Map;

/**
 * Writes a session's status outside its reconcile (a pod's own report, {@code polling.PodReportWriter}), as JOSDK
 * writes a reconcile's: server-side apply with the controller's field manager or, where the operator does not apply
 * (the tests' mock API server), a JSON Patch that replaces {@code /status}. Either way the whole status is replaced,
 * never merged into the one stored: a JSON merge patch cannot remove a field (the NON_NULL status leaves out the
 * pairing a connected session no longer has, so the stale one stayed), and the fabric8 mock API server merges a
 * patch's lists into the stored ones (each write appended its conditions after the old ones, and a reconcile's JSON
 * Patch, computed by list index from another copy, then removed the Ready ones). Only on the resource version it was
 * computed from (the patch sets it: the API server refuses a changed session with 409, as the mock does; the mock does
 * not check it on an update of the status subresource): a session changed since is left to its reconcile. The
 * written resource goes to the sessions' cache at once, as JOSDK does after a reconcile's write, so a reconcile that
 * runs before the watch brings it starts from it.
 */
final class StatusOutsideReconcile {

    private final KubernetesClient client;
    private final Cache<WhatsAppSession> sessions;
    /** The server-side apply of the controller's field manager, or null to write by JSON Patch. */
    private final PatchContext apply;

    StatusOutsideReconcile(EventSourceContext<WhatsAppSession> context) {
        this(context.getClient(), context.getPrimaryCache(),
                context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource()
                        ? context.getControllerConfiguration().fieldManager() : null);
    }

    /** {@code fieldManager}: the controller's, for server-side apply; null where the operator does not apply. */
    StatusOutsideReconcile(KubernetesClient client, Cache<WhatsAppSession> sessions, String fieldManager) {
        this.client = client;
        this.sessions = sessions;
        this.apply = fieldManager == null ? null : new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(fieldManager).withForce(true).build();
    }

    /**
     * {@code withStatus} (name, namespace and status only) written over {@code session}; false when the session
     * changed since the version it was computed from.
     */
    boolean write(WhatsAppSession session, WhatsAppSession withStatus) {
        withStatus.getMetadata().setResourceVersion(session.getMetadata().getResourceVersion());
        WhatsAppSession written;
        try {
            var status = client.resource(withStatus).subresource("status");
            written = apply != null ? status.patch(apply)
                    : status.patch(PatchContext.of(PatchType.JSON), replacing(withStatus));
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

    /** A JSON Patch that replaces the whole status, on the resource version {@code withStatus} names. */
    private String replacing(WhatsAppSession withStatus) {
        return client.getKubernetesSerialization().asJson(List.of(
                Map.of("op", "replace", "path", "/metadata/resourceVersion",
                        "value", withStatus.getMetadata().getResourceVersion()),
                Map.of("op", "add", "path", "/status", "value", withStatus.getStatus())));
    }
}
