package io.kubezap.kubectl.transport;

import java.net.URI;

/** Where one session's API answers (its {@code /api/v1/sessions/{name}} or the gateway's path of it) and the key it takes. */
public record SessionEndpoint(URI base, String apiKey) {
}
