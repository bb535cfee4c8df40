package io.kubezap.operator.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubezap.api.v1alpha1.Storage;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.Placement;
import io.kubezap.contract.StorageMode;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.model.PodInputs;
import io.kubezap.operator.model.PodTemplateHashes;
import io.kubezap.operator.model.SessionObjects;
import io.kubezap.operator.model.SessionStatefulSet;
import io.kubezap.operator.model.TestSessions;
import io.kubezap.operator.workflow.DatabaseSecretTestAccess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the operator renders for a namespace with two host-placed sessions, written for the session pod's end-to-end
 * test of a host ({@code session-pod} {@code e2e.OperatorRenderedHostIT}), which starts the packaged pod with exactly
 * this StatefulSet's environment and mounts: the host StatefulSet, and every Secret the operator renders in the
 * namespace (its key-wrapping Secret, the sessions' database and API-key Secrets, the host's sessions Secret, the
 * hosts' pool Secret), with fixed keys, passwords and tokens where the operator draws random ones. The end-to-end test
 * cannot render it itself: the session pod's modules do not depend on the operator (a Quarkus application of its own
 * built after them), so the file is the one definition's output, checked here. After a change to what the operator
 * renders, write the file again with
 * {@code ./mvnw -pl operator -am test -Dtest=RenderedHostFixtureTest -Dkubezap.writeReference=true}.
 */
class RenderedHostFixtureTest {

    static final Path FIXTURE = Path.of(System.getProperty("kubezap.repositoryRoot", ".."))
            .resolve("session-pod/src/test/resources/io/kubezap/session/e2e/operator-rendered-host.json");
    /** The end-to-end tests' namespace ({@code PodAgainstSimulator.NAMESPACE}). */
    static final String NAMESPACE = "e2e";
    static final List<String> SESSIONS = List.of("loja-81d", "loja-81e");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void theEndToEndTestsHostIsWhatTheOperatorRenders() throws IOException {
        String rendered = rendered();
        String written = Files.exists(FIXTURE) ? Files.readString(FIXTURE) : "";
        if (Boolean.getBoolean("kubezap.writeReference") && !written.equals(rendered)) {
            Files.writeString(FIXTURE, rendered);
            written = rendered;
        }
        assertThat(written).as("%s (write it again: see this test's comment)", FIXTURE).isEqualTo(rendered);
    }

    static String rendered() throws IOException {
        OperatorConfig config = TestSessions.config(Map.of());
        Map<String, Secret> secrets = new TreeMap<>(Map.of(SessionObjects.KEY_WRAPPING_SECRET, keyWrappingSecret()));
        List<HostPlan.HostedSession> hosted = new ArrayList<>();
        SessionStatefulSet pod = new SessionStatefulSet(config, new PodTemplateHashes());
        for (String name : SESSIONS) {
            WhatsAppSession session = hostPlaced(name);
            Secret database = DatabaseSecretTestAccess.sessionSecret(admin(), session, NamespaceRoles.roleName(NAMESPACE),
                    "namespace-password-0123456789", "token-of-" + name + "-0123456789abcdef");
            secrets.put(database.getMetadata().getName(), database);
            Secret apiKey = apiKeySecret(session);
            secrets.put(apiKey.getMetadata().getName(), apiKey);
        }
        for (String name : SESSIONS) {
            var template = pod.render(hostPlaced(name), new PodInputs("", ""), Optional.empty()).getSpec().getTemplate();
            hosted.add(new HostPlan.HostedSession(HostSessionEntry.of(name, template, (secret, key) ->
                    Optional.ofNullable(secrets.get(secret)).map(found -> decoded(found.getData().get(key)))), null));
        }
        Secret pool = HostPoolSecret.desired(NAMESPACE, secrets.get(SESSIONS.getFirst() + "-database"),
                List.of(config.database().urlKey(), config.database().usernameKey(), config.database().passwordKey()));
        HostPlan plan = HostPlan.of(NAMESPACE, hosted, 100, new HostStatefulSet.Settings(config), Optional.of(pool));
        plan.secrets().forEach(secret -> secrets.put(secret.getMetadata().getName(), secret));
        plan.poolSecret().ifPresent(secret -> secrets.put(secret.getMetadata().getName(), secret));
        ObjectNode fixture = JSON.createObjectNode();
        fixture.put("namespace", NAMESPACE);
        fixture.set("statefulSet", JSON.valueToTree(plan.statefulSets().getFirst()));
        fixture.set("secrets", JSON.valueToTree(List.copyOf(secrets.values())));
        return JSON.writeValueAsString(fixture) + "\n";
    }

    private static WhatsAppSession hostPlaced(String name) {
        WhatsAppSession session = TestSessions.session(name);
        session.getMetadata().setNamespace(NAMESPACE);
        Storage storage = new Storage();
        storage.setMode(StorageMode.Database);
        session.getSpec().setStorage(storage);
        session.getSpec().setPlacement(Placement.Host);
        return session;
    }

    /** The operator's admin Secret, laid out as the chart's bundled database's. */
    private static Secret admin() {
        return new SecretBuilder().withNewMetadata().withName("pg-app").withNamespace("kubezap-system").endMetadata()
                .withData(Map.of("jdbc-uri", encoded("jdbc:postgresql://kubezap-postgresql.kubezap-system.svc:5432/kubezap"),
                        "username", encoded("kubezap"), "password", encoded("admin-password")))
                .build();
    }

    /** As {@code workflow.ApiKeySecretDependent} writes it, with a fixed key instead of a random one. */
    private static Secret apiKeySecret(WhatsAppSession session) {
        return new SecretBuilder()
                .withMetadata(SessionObjects.ownedMetadata(session, SessionObjects.apiKeySecretName(session)))
                .withType("Opaque")
                .withData(Map.of(SessionObjects.API_KEY_SECRET_KEY, encoded("api-key-of-" + session.getMetadata().getName())))
                .build();
    }

    /** As {@code namespace.KeyWrappingSecret} makes it once per namespace, with a fixed key instead of a random one. */
    private static Secret keyWrappingSecret() {
        return new SecretBuilder().withNewMetadata().withName(SessionObjects.KEY_WRAPPING_SECRET).withNamespace(NAMESPACE)
                .withLabels(Map.of(SessionObjects.LABEL_MANAGED_BY, SessionObjects.MANAGED_BY)).endMetadata()
                .withData(Map.of(SessionObjects.KEY_WRAPPING_SECRET_KEY,
                        encoded("k1:" + Base64.getEncoder().encodeToString(new byte[32]))))
                .build();
    }

    private static String encoded(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decoded(String base64) {
        return base64 == null ? null : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
