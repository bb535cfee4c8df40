package io.kubezap.kubectl.transport;

import io.kubezap.api.v1alpha1.WhatsAppSession;

/** How the plugin reaches a session's API: through the gateway, or straight to its pod. Closing ends its tunnels. */
public interface SessionTransport extends AutoCloseable {

    SessionEndpoint endpoint(WhatsAppSession session);

    /** For messages: e.g. "the gateway kubezap-system/kubezap-gateway". */
    String describe();

    @Override
    void close();
}
