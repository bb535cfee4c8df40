package io.kubezap.kubectl;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.contract.SessionObjectNames;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Objects as the operator and the chart leave them in the (mock) cluster: sessions, key Secrets, pods, the gateway. */
final class ClusterFixture {

    private final KubernetesClient client;

    ClusterFixture(KubernetesClient client) {
        this.client = client;
    }

    /** A session the operator has reconciled: resource with status, key Secret and its pod {@code <name>-0} (ready or not). */
    void session(String namespace, String name, SessionPhase phase, String number, boolean podReady) {
        resource(namespace, name, phase, number);
        keySecret(namespace, name, "key-of-" + name);
        pods(namespace, name, podReady);
    }

    /** The session's pod (replaced if there is one), ready or not. */
    void pods(String namespace, String name, boolean ready) {
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name + "-0").withLabels(Map.of("kubezap.io/session", name)).build())
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build()).createOr(existing -> existing.update());
    }

    void resource(String namespace, String name, SessionPhase phase, String number) {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        session.setSpec(new WhatsAppSessionSpec());
        WhatsAppSessionStatus status = new WhatsAppSessionStatus();
        status.setPhase(phase);
        status.setApiKeySecret(SessionObjectNames.apiKeySecretName(name));
        if (number != null) {
            status.setAccount(new Account(number + "@s.whatsapp.net", number, "Loja"));
        }
        boolean ready = phase == SessionPhase.Connected;
        status.setConditions(List.of(
                new ConditionBuilder().withType(WhatsAppSessionStatus.CONDITION_READY).withStatus(ready ? "True" : "False")
                        .withReason(ready ? "Connected" : phase.name()).withMessage(ready ? "" : "session is " + phase).build(),
                new ConditionBuilder().withType(WhatsAppSessionStatus.CONDITION_PAIRED).withStatus(number != null ? "True" : "False")
                        .withReason(number != null ? "Paired" : "NotPaired").build()));
        session.setStatus(status);
        // createOr: on a loaded machine the client retries a POST that timed out, and the retry meets the first one's
        // object (409 "already exists": LauncherIT failed so at load 30)
        client.resource(session).createOr(existing -> existing.update());
    }

    void keySecret(String namespace, String session, String key) {
        client.secrets().inNamespace(namespace).resource(secret(SessionObjectNames.apiKeySecretName(session),
                SessionObjectNames.API_KEY_SECRET_KEY, key)).createOr(existing -> existing.update());
    }

    /** The chart's gateway: its Service, labelled as the chart labels it, and its admin key Secret. */
    void gateway(String namespace, String adminKey) {
        gateway(namespace, null, adminKey);
    }

    /** The chart's gateway; with {@code keysNamespace}, its Service names where its keys are, and the admin key is there. */
    void gateway(String namespace, String keysNamespace, String adminKey) {
        client.services().inNamespace(namespace).resource(new ServiceBuilder()
                .withMetadata(new ObjectMetaBuilder().withName("kubezap-gateway").withLabels(Map.of(
                        "app.kubernetes.io/part-of", "kubezap", "app.kubernetes.io/component", "gateway",
                        "app.kubernetes.io/name", "kubezap-gateway"))
                        .withAnnotations(keysNamespace == null ? Map.of()
                                : Map.of(io.kubezap.contract.GatewayKeyCopy.KEYS_NAMESPACE_ANNOTATION, keysNamespace)).build())
                .withNewSpec().addNewPort().withName("http").withPort(8080).endPort().endSpec().build()).createOr(existing -> existing.update());
        if (adminKey != null) {
            client.secrets().inNamespace(keysNamespace == null ? namespace : keysNamespace)
                    .resource(secret("kubezap-gateway-admin-key", "key", adminKey)).createOr(existing -> existing.update());
        }
    }

    private static io.fabric8.kubernetes.api.model.Secret secret(String name, String field, String value) {
        return new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName(name).build())
                .withData(Map.of(field, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
