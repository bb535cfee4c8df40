package io.kubezap.kubectl.transport;

import java.net.URI;

/**
 * Where one session's API answers (its {@code /api/v1/sessions/{name}} or the gateway's path of it) and the key it
 * takes. {@code podState}: whether {@code GET base} is the pod's own state document; the gateway answers it from the
 * resource's status instead, which has no last error.
 */
public record SessionEndpoint(URI base, String apiKey, boolean podState) {
}
