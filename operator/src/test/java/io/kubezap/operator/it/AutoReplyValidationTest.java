package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.AutoReply;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.PodSetting;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 56, item 8: automatic replies the pod could not run (a rule's CEL that does not compile, a time zone that does not
 * exist: what the CRD's schema cannot see inside a string) are refused by the operator with the pod's own reader, before
 * any pod gets them: condition Ready=False and a Warning Event {@code AutoReplyInvalid} naming the field, and no
 * StatefulSet made or rolled, instead of a pod that crash-loops.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class AutoReplyValidationTest {

    @Inject
    KubernetesClient client;

    private OperatorCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = OperatorCluster.installed(client);
    }

    @Test
    void aRuleWhoseCelDoesNotCompileGetsNoPodAndSaysWhere() {
        cluster.create("tango", spec -> autoReply(spec, "UTC", "text.contains('preço') &&"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readyCondition("tango"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("AutoReplyInvalid")));
        assertThat(readyCondition("tango").orElseThrow().getMessage()).contains("spec.autoReply.rules[0].when")
                .contains("CEL");
        assertThat(cluster.eventReasons("tango")).contains("AutoReplyInvalid");
        assertThat(cluster.statefulSet("tango")).as("no pod would start with these rules").isNull();
    }

    /** Issue 68 item 8: eight nested loops over ten elements are 10^8 iterations on every incoming message. */
    @Test
    void aRuleOverItsCostBudgetGetsNoPodAndSaysWhy() {
        String ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
        String when = "text != ''";
        for (int level = 0; level < 8; level++) {
            when = ten + ".all(v" + level + ", " + when + ")";
        }
        String blowUp = when;
        cluster.create("victor", spec -> autoReply(spec, "UTC", blowUp));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readyCondition("victor"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("AutoReplyInvalid")));
        assertThat(readyCondition("victor").orElseThrow().getMessage())
                .contains("spec.autoReply.rules[0].when is over its cost budget");
        assertThat(cluster.statefulSet("victor")).as("no pod would run this rule").isNull();
    }

    @Test
    void aRunningSessionKeepsItsPodWhenItsScheduleTurnsInvalid() {
        cluster.create("uniform", spec -> autoReply(spec, "America/Sao_Paulo", "!withinBusinessHours"));
        await().atMost(PATIENCE).until(() -> autoReplyEnv("uniform").isPresent());
        String before = autoReplyEnv("uniform").orElseThrow();

        cluster.editSpec("uniform", spec -> spec.getAutoReply().setTimeZone("America/Atlantis"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readyCondition("uniform"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("AutoReplyInvalid")));
        assertThat(readyCondition("uniform").orElseThrow().getMessage()).contains("spec.autoReply.timeZone")
                .contains("America/Atlantis");
        assertThat(autoReplyEnv("uniform")).as("the running pod keeps its rules: nothing rolled").contains(before);

        cluster.editSpec("uniform", spec -> spec.getAutoReply().setTimeZone("America/Manaus"));
        await().atMost(PATIENCE).until(() -> autoReplyEnv("uniform").filter(env -> env.contains("America/Manaus")).isPresent());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readyCondition("uniform"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isNotEqualTo("AutoReplyInvalid")));
    }

    private static void autoReply(WhatsAppSessionSpec spec, String timeZone, String when) {
        AutoReply autoReply = new AutoReply();
        autoReply.setTimeZone(timeZone);
        AutoReply.AutoReplyRule rule = new AutoReply.AutoReplyRule();
        rule.setName("fora-do-horario");
        rule.setWhen(when);
        rule.setReply("Voltamos às 8h");
        autoReply.setRules(List.of(rule));
        spec.setAutoReply(autoReply);
    }

    private Optional<String> autoReplyEnv(String name) {
        return Optional.ofNullable(cluster.statefulSet(name)).stream()
                .flatMap(set -> set.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream())
                .filter(env -> PodSetting.AUTO_REPLY.env().equals(env.getName())).map(EnvVar::getValue).findFirst();
    }

    private Optional<Condition> readyCondition(String name) {
        return cluster.condition(name, "Ready");
    }
}
