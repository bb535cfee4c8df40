package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.MissingSecretException;
import io.kubezap.operator.model.TestSessions;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The operator's database Secret as {@link DatabaseSecretSource#read()} answers it around the operator's start: its
 * informer exists before it has listed anything, and the state listener reads the Secret then.
 */
@EnableKubernetesMockClient(crud = true)
class DatabaseSecretSourceTest {

    private static final String NAMESPACE = "kubezap-system";

    KubernetesClient client;

    @Test
    void aSecretThatExistsIsReadBeforeTheInformerHasListed() {
        client.secrets().inNamespace(NAMESPACE).resource(adminSecret()).create();
        DatabaseSecretSource source = source();
        source.eventSource(context()).orElseThrow();

        assertThat(source.current().username()).isEqualTo("kubezap");
    }

    @Test
    void aSecretThatDoesNotExistIsStillReportedMissing() {
        DatabaseSecretSource source = source();
        source.eventSource(context()).orElseThrow();

        assertThatThrownBy(source::read).isInstanceOf(MissingSecretException.class)
                .hasMessage("database Secret kubezap-system/kubezap-postgresql not found; the session pod cannot start until it exists");
    }

    @Test
    void onceListedTheInformersCacheAnswers() {
        client.secrets().inNamespace(NAMESPACE).resource(adminSecret()).create();
        DatabaseSecretSource source = source();
        var informer = source.eventSource(context()).orElseThrow();
        informer.setControllerConfiguration(DatabaseSecretSourceTest.<Secret>controller());
        informer.start();
        try {
            client.secrets().inNamespace(NAMESPACE).withName("kubezap-postgresql").edit(secret -> new SecretBuilder(secret)
                    .addToStringData("username", "rotated").build());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(source.current().username()).isEqualTo("rotated"));
        } finally {
            informer.stop();
        }
    }

    private DatabaseSecretSource source() {
        return new DatabaseSecretSource(TestSessions.config(Map.of()).database(), NAMESPACE, client);
    }

    private static Secret adminSecret() {
        return new SecretBuilder().withNewMetadata().withName("kubezap-postgresql").withNamespace(NAMESPACE).endMetadata()
                .addToStringData(Map.of("jdbc-uri", "jdbc:postgresql://db:5432/kubezap", "username", "kubezap",
                        "password", "secret"))
                .build();
    }

    private EventSourceContext<WhatsAppSession> context() {
        return new EventSourceContext<>(null, DatabaseSecretSourceTest.<WhatsAppSession>controller(), client, WhatsAppSession.class);
    }

    /** Only the configuration service the informer asks its controller for. */
    @SuppressWarnings("unchecked")
    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> ControllerConfiguration<R> controller() {
        var service = new BaseConfigurationService();
        return (ControllerConfiguration<R>) Proxy.newProxyInstance(DatabaseSecretSourceTest.class.getClassLoader(),
                new Class<?>[]{ControllerConfiguration.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getConfigurationService" -> service;
                    case "getName" -> "whatsappsession";
                    default -> method.isDefault() ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, arguments) : null;
                });
    }
}
