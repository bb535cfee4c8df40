package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.operator.model.TestSessions;
import io.kubezap.operator.sessionapi.SessionEndpoint;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;

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
    void ownServiceOfASessionFromAnEarlierReleaseExposesTheRestApiInsideTheCluster() {
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
    }

    @Test
    void aSessionAnswersUnderItsNamespacesHeadlessServiceUnlessItsStatefulSetKeepsItsOwnService() {
        assertThat(SessionEndpoint.of(session, Optional.empty())).isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc:8080");
        assertThat(SessionEndpoint.of(session, Optional.of(governedBy("kubezap-sessions"))))
                .isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc:8080");
        assertThat(SessionEndpoint.of(session, Optional.of(governedBy("loja-01")))).isEqualTo("http://loja-01.shop.svc:8080");
    }

    @Test
    void pollsGoWhereTheStatusReportsOnlyBetweenTheSessionsTwoAddresses() {
        assertThat(SessionEndpoint.reported(session)).isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc:8080");
        session.setStatus(new WhatsAppSessionStatus());
        session.getStatus().setEndpoint("http://loja-01.shop.svc:8080");
        assertThat(SessionEndpoint.reported(session)).isEqualTo("http://loja-01.shop.svc:8080");
        session.getStatus().setEndpoint("http://attacker.example:8080");
        assertThat(SessionEndpoint.reported(session)).isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc:8080");
    }

    @Test
    void ownServiceIsKeptOnlyWhileTheStatefulSetIsGovernedByIt() {
        assertThat(OwnServiceKept.keeps(session, Optional.empty())).isFalse();
        assertThat(OwnServiceKept.keeps(session, Optional.of(governedBy("kubezap-sessions")))).isFalse();
        assertThat(OwnServiceKept.keeps(session, Optional.of(governedBy("loja-01")))).isTrue();
    }

    private static StatefulSet governedBy(String serviceName) {
        return new StatefulSetBuilder().withNewSpec().withServiceName(serviceName).endSpec().build();
    }
}
