package io.kubezap.gateway.session;

import io.kubezap.api.v1alpha1.SessionPhase;

/**
 * What {@code GET /api/v1/sessions} asks for. {@code after} is the cursor of the previous page: the
 * {@code namespace/name} of its last session (sessions are ordered by namespace, then name).
 */
public record SessionQuery(String namespace, SessionPhase phase, String labelSelector, int limit, String after) {
}
