package io.kubezap.operator.sessionapi;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 81: the operator's polls and a logout reach a host-placed session on the host its status names. */
class SessionEndpointTest {

    @Test
    void aSessionWhoseStatusNamesAHostIsReachedOnThatHost() {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withName("loja-01").withNamespace("shop").build());
        WhatsAppSessionStatus status = new WhatsAppSessionStatus();
        status.setEndpoint("http://loja-01-0.kubezap-sessions.shop.svc:8080");
        session.setStatus(status);
        assertThat(SessionEndpoint.reported(session)).isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc:8080");

        status.setHost("kubezap-host-3");
        assertThat(SessionEndpoint.reported(session)).isEqualTo("http://kubezap-host-3-0.kubezap-sessions.shop.svc:8080");
    }
}
