package io.kubezap.session.webhook;

import io.kubezap.session.config.AdminEgressLists;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The receiver of {@link WebhookTestProfile} is on loopback: allowed as the cluster admin allows an in-cluster receiver.
 * The admin's lists come from the environment alone (AdminEgressLists), which a test in this JVM cannot set.
 */
@Alternative
@Singleton
public class LoopbackReceiverAllowed {

    @Produces
    @Alternative
    @Singleton
    AdminEgressLists loopbackAllowed() {
        return new AdminEgressLists("127.0.0.1", "");
    }
}
