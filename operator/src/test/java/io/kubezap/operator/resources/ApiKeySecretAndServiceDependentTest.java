package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.sessionapi.SessionEndpoint;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeySecretAndServiceDependentTest {

    private final WhatsAppSession session = TestSessions.session("loja-01");

    @Test
    void apiKeySecretIsNamedAfterTheSessionAndHoldsARandomKey() {
        Secret first = new ApiKeySecretDependent().desired(session, null);
        Secret second = new ApiKeySecretDependent().desired(session, null);

        assertThat(first.getMetadata().getName()).isEqualTo("loja-01-api-key");
        assertThat(first.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo("uid-loja-01"));
        assertThat(first.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "kubezap-operator");
        assertThat(ApiKeySecretDependent.apiKey(first)).hasSize(43).isNotEqualTo(ApiKeySecretDependent.apiKey(second));
    }

    @Test
    void apiKeySecretIsNeverUpdatedOnceCreated() {
        assertThat(new ApiKeySecretDependent()).isNotInstanceOf(Updater.class);
    }

    @Test
    void apiKeyIsReadFromDataAsStoredByTheApiServer() {
        Secret stored = new Secret();
        stored.setData(Map.of("api-key", Base64.getEncoder().encodeToString("k3y".getBytes())));

        assertThat(ApiKeySecretDependent.apiKey(stored)).isEqualTo("k3y");
    }

    @Test
    void serviceExposesTheRestApiInsideTheCluster() {
        Service service = new SessionServiceDependent().desired(session, null);

        assertThat(service.getMetadata().getName()).isEqualTo("loja-01");
        assertThat(service.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getName()).isEqualTo("loja-01"));
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getSelector()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/name", "kubezap-session", "app.kubernetes.io/instance", "loja-01"));
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(8080);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
        assertThat(SessionEndpoint.of(session)).isEqualTo("http://loja-01.shop.svc:8080");
    }
}
