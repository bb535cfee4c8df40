package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.operator.model.SessionDefaults;

import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/** What the tests do in place of a cluster: create sessions, play the StatefulSet controller, read results. */
final class OperatorCluster {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String DATABASE_SECRET = "kubezap-postgresql";

    private static final Set<String> USED_NAMES = ConcurrentHashMap.newKeySet();

    private final KubernetesClient client;
    private final String namespace;

    OperatorCluster(KubernetesClient client) {
        this(client, client.getNamespace());
    }

    private OperatorCluster(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The same cluster, creating and reading sessions in {@code other}. */
    OperatorCluster inNamespace(String other) {
        return new OperatorCluster(client, other);
    }

    /** Namespace {@code other}, made if it is not there, and the cluster seen from it. */
    OperatorCluster madeNamespace(String other) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(other).endMetadata().build()).createOr(n -> n.update());
        return inNamespace(other);
    }

    /** This namespace's session defaults (record 0015's ConfigMap) set to {@code yaml}. */
    void sessionDefaults(String yaml) {
        client.resource(new ConfigMapBuilder().withNewMetadata().withName(SessionDefaults.CONFIG_MAP)
                .withNamespace(namespace).withLabels(Map.of(SessionDefaults.LABEL, "true")).endMetadata()
                .withData(Map.of(SessionDefaults.KEY, yaml)).build()).createOr(existing -> existing.update());
    }

    /** A cluster as the chart leaves it (the admin's database Secret), with the session pods' stand-in answering. */
    static OperatorCluster installed(KubernetesClient client) {
        OperatorCluster cluster = new OperatorCluster(client);
        cluster.databaseSecret("s3cret");
        SessionPodStubResource.stub();
        return cluster;
    }

    /**
     * What the chart does at install: the admin's database Secret in the operator's namespace, pointing at the test's
     * real PostgreSQL ({@code test.database-url}, AdminDatabaseResource), whose superuser is the admin.
     */
    void databaseSecret(String password) {
        databaseSecret(password, Map.of());
    }

    void databaseSecret(String password, Map<String, String> extraKeys) {
        Map<String, String> values = new TreeMap<>(Map.of("jdbc-uri", databaseUrl(), "username", "postgres",
                "password", password, "host", "localhost"));
        values.putAll(extraKeys);
        Secret secret = new SecretBuilder()
                .withNewMetadata().withName(DATABASE_SECRET).withNamespace(databaseNamespace()).endMetadata()
                .withType("Opaque")
                .withData(encoded(values))
                .build();
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
            client.resource(secret).createOr(NonDeletingOperation::update);
            return true;
        });
    }

    void deleteDatabaseSecret() {
        client.secrets().inNamespace(databaseNamespace()).withName(DATABASE_SECRET).delete();
    }

    static String databaseUrl() {
        return ConfigProvider.getConfig().getValue("test.database-url", String.class);
    }

    /** {@code kubezap.database.secret-namespace} of the test profile: not the namespace the sessions live in. */
    String databaseNamespace() {
        return ConfigProvider.getConfig().getValue("kubezap.database.secret-namespace", String.class);
    }

    Secret secret(String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    /** A key of the session's pairing Secret, decoded; empty while the Secret or the key is not there. */
    String pairingSecret(String session, String key) {
        Secret pairing = secret(io.kubezap.contract.SessionObjectNames.pairingSecretName(session));
        String value = pairing == null || pairing.getData() == null ? null : pairing.getData().get(key);
        return value == null ? "" : new String(java.util.Base64.getDecoder().decode(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, String> encoded(Map<String, String> values) {
        Map<String, String> data = new TreeMap<>();
        values.forEach((key, value) -> data.put(key,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return data;
    }

    /**
     * Every session name once per test run: the mock API server has no garbage collector, so a deleted session's
     * StatefulSet, Secrets and claim stay, and a new session of the same name would find them (a claim template
     * without the new session's storage class, for one).
     */
    WhatsAppSession create(String name, Consumer<WhatsAppSessionSpec> spec) {
        if (!USED_NAMES.add(namespace + "/" + name)) {
            throw new IllegalStateException("session " + name + " was already created by another test of this shared"
                    + " mock cluster, whose objects outlive it (no garbage collection): pick another name");
        }
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        spec.accept(session.getSpec());
        return client.resource(session).create();
    }

    WhatsAppSession session(String name) {
        return client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).get();
    }

    /** Edits like kubectl would; a conflict with a concurrent status write is retried on the fresh object. */
    void editSpec(String name, Consumer<WhatsAppSessionSpec> change) {
        edit(name, session -> change.accept(session.getSpec()));
    }

    /** Edits the whole object (its finalizers, say), retrying a conflict with the operator's writes as editSpec does. */
    void edit(String name, Consumer<WhatsAppSession> change) {
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
            client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).edit(s -> {
                change.accept(s);
                return s;
            });
            return true;
        });
    }

    void delete(String name) {
        client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).delete();
    }

    io.fabric8.kubernetes.api.model.Service service(String name) {
        return client.services().inNamespace(namespace).withName(name).get();
    }

    /** The push name of the account its status shows, null while it shows none. */
    String pushName(String name) {
        WhatsAppSession session = session(name);
        return session == null || session.getStatus() == null || session.getStatus().getAccount() == null ? null
                : session.getStatus().getAccount().pushName();
    }

    /** The session's condition of {@code type}, as its status shows it now. */
    Optional<Condition> condition(String name, String type) {
        return Optional.ofNullable(session(name).getStatus()).flatMap(status -> status.condition(type));
    }

    StatefulSet statefulSet(String name) {
        return client.apps().statefulSets().inNamespace(namespace).withName(name).get();
    }

    /** As the StatefulSet controller reports it once it created the pod, not ready yet: a revision, no ready replica. */
    void podsCreated(String name) {
        reportStatus(name, new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(0)
                .withCurrentRevision(name + "-1").withUpdateRevision(name + "-1").build());
    }

    /** Plays the StatefulSet controller: once the operator created it, its pod is reported ready. */
    void podReady(String name) {
        await().atMost(PATIENCE).until(() -> statefulSet(name) != null);
        reportStatus(name, new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).build());
    }

    /** Writes the StatefulSet's status, retried while the API server refuses the edit. */
    private void reportStatus(String name, StatefulSetStatus status) {
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
            client.apps().statefulSets().inNamespace(namespace).withName(name).editStatus(s -> {
                s.setStatus(status);
                return s;
            });
            return true;
        });
    }

    List<String> eventMessages(String name, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && name.equals(e.getInvolvedObject().getName()))
                .filter(e -> reason.equals(e.getReason()))
                .map(Event::getMessage)
                .toList();
    }

    List<String> eventReasons(String name) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && name.equals(e.getInvolvedObject().getName()))
                .map(Event::getReason)
                .toList();
    }

    KubernetesClient client() {
        return client;
    }

    String namespace() {
        return namespace;
    }
}
