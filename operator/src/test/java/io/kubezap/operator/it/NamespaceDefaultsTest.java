package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.EffectiveOutputs;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.kubezap.operator.model.WebhookFiles;
import io.kubezap.operator.workflow.ReferencedSecrets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 56 item 3: a platform team sets the webhook and event sink every session of a namespace gets unless the
 * session has its own, in the namespace's ConfigMap kubezap-session-defaults. Each session's pod gets them and its
 * status shows what it got from where; a change of the ConfigMap re-renders every session of the namespace; a session
 * with its own webhooks keeps them; a default refused by the CRD's rules applies nothing and says why.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class NamespaceDefaultsTest {

    @Inject
    KubernetesClient client;

    private OperatorCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = OperatorCluster.installed(client);
    }

    @Test
    void everySessionOfTheNamespaceGetsItsDefaultsUnlessItHasItsOwnAndAChangeReachesThemAll() {
        OperatorCluster team = namespace("team-defaults");
        team.client().resource(new SecretBuilder().withNewMetadata().withName("platform-hooks").withNamespace("team-defaults")
                .withLabels(Map.of(ReferencedSecrets.LABEL, "true")).endMetadata()
                .withStringData(Map.of("token", "platform-token-value")).build()).create();
        defaults("team-defaults", """
                webhooks:
                  - url: https://platform.example.com/whatsapp?token=in-query
                    filter: {excludeChats: [groups, status]}
                    auth: {bearer: {tokenRef: {name: platform-hooks, key: token}}}
                events:
                  sinks:
                    - {name: audit, kind: NATS, address: "nats://nats.platform:4222", destination: audit}
                """);
        team.create("inherits-a", spec -> { });
        team.create("inherits-b", spec -> { });
        team.create("own-hooks", spec -> spec.setWebhooks(List.of(new Webhook("https://own.example.com/wa", List.of(), null))));

        await().atMost(PATIENCE).until(() -> webhooksOf(team, "inherits-a").contains("platform.example.com")
                && webhooksOf(team, "inherits-b").contains("platform.example.com")
                && webhooksOf(team, "own-hooks").contains("own.example.com"));
        assertThat(webhooksOf(team, "inherits-a")).contains("\"excludeChats\":[\"groups\",\"status\"]")
                .contains("\"tokenFile\":\"0.credential\"").doesNotContain("platform-token-value");
        assertThat(webhooksOf(team, "own-hooks")).doesNotContain("platform.example.com");
        assertThat(annotation(team, "inherits-a", "kubezap.io/event-sinks")).contains("\"name\":\"audit\"");
        assertThat(annotation(team, "own-hooks", "kubezap.io/event-sinks")).as("sinks merge by name").contains("\"name\":\"audit\"");

        await().atMost(PATIENCE).until(() -> outputs(team, "inherits-a") != null);
        EffectiveOutputs shown = outputs(team, "inherits-a");
        assertThat(shown.getWebhooks()).singleElement().satisfies(output -> {
            assertThat(output.getFrom()).isEqualTo(EffectiveOutputs.FROM_NAMESPACE);
            assertThat(output.getTarget()).startsWith("https://platform.example.com #").doesNotContain("token");
        });
        assertThat(shown.getSinks()).extracting(EffectiveOutputs.Output::toString).containsExactly("audit (Namespace)");
        await().atMost(PATIENCE).until(() -> outputs(team, "own-hooks") != null);
        assertThat(outputs(team, "own-hooks").getWebhooks()).extracting(EffectiveOutputs.Output::getFrom)
                .containsExactly(EffectiveOutputs.FROM_SESSION);

        defaults("team-defaults", """
                webhooks:
                  - url: https://platform-v2.example.com/whatsapp
                """);

        await().atMost(PATIENCE).until(() -> webhooksOf(team, "inherits-a").contains("platform-v2.example.com")
                && webhooksOf(team, "inherits-b").contains("platform-v2.example.com"));
        assertThat(annotation(team, "inherits-b", "kubezap.io/event-sinks")).as("the sink default is gone").isNull();
        assertThat(webhooksOf(team, "own-hooks")).contains("own.example.com").doesNotContain("platform-v2");
    }

    @Test
    void defaultsTheCrdRefusesApplyNothingAndEachSessionSaysWhy() {
        OperatorCluster team = namespace("team-bad-defaults");
        defaults("team-bad-defaults", """
                webhooks:
                  - url: https://platform.example.com/whatsapp
                    headers: {Authorization: "Bearer in-plain-sight"}
                """);
        team.create("refused-defaults", spec -> { });

        await().atMost(PATIENCE).until(() -> team.session("refused-defaults").getStatus() != null
                && team.session("refused-defaults").getStatus().condition("Ready")
                .filter(ready -> "NamespaceDefaultsInvalid".equals(ready.getReason())).isPresent());
        assertThat(team.session("refused-defaults").getStatus().condition("Ready").orElseThrow().getMessage())
                .contains("ConfigMap team-bad-defaults/kubezap-session-defaults")
                .contains("the delivery sets this header itself")
                .doesNotContain("in-plain-sight");
        assertThat(team.statefulSet("refused-defaults")).isNull();
    }

    private OperatorCluster namespace(String name) {
        return cluster.madeNamespace(name);
    }

    private void defaults(String namespace, String yaml) {
        cluster.inNamespace(namespace).sessionDefaults(yaml);
    }

    private static String webhooksOf(OperatorCluster team, String session) {
        String webhooks = annotation(team, session, WebhookFiles.ANNOTATION);
        return webhooks == null ? "" : webhooks;
    }

    private static String annotation(OperatorCluster team, String session, String name) {
        var statefulSet = team.statefulSet(session);
        return statefulSet == null ? null : statefulSet.getSpec().getTemplate().getMetadata().getAnnotations().get(name);
    }

    private static EffectiveOutputs outputs(OperatorCluster team, String session) {
        var status = team.session(session).getStatus();
        return status == null ? null : status.getOutputs();
    }
}
