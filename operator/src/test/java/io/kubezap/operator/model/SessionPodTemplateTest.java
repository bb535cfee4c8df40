package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.kubezap.api.v1alpha1.PodTemplate;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.events.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code spec.podTemplate} and the chart's {@code session.podTemplate} reach the session pod. */
class SessionPodTemplateTest {

    private static final PodInputs INPUTS = new PodInputs("0123abcd", "89abcdef");
    private static final Toleration DEDICATED = new TolerationBuilder().withKey("dedicated").withOperator("Equal")
            .withValue("whatsapp").withEffect("NoSchedule").build();

    @Test
    void everyFieldOfTheSessionsTemplateReachesThePod() {
        WhatsAppSession session = TestSessions.session("loja-01");
        session.getSpec().setPodTemplate(everyField());

        PodTemplateSpec pod = render(Map.of(), session).getSpec().getTemplate();

        PodSpec spec = pod.getSpec();
        assertThat(spec.getImagePullSecrets()).containsExactly(new LocalObjectReference("registry"));
        assertThat(spec.getNodeSelector()).containsExactlyEntriesOf(Map.of("pool", "whatsapp"));
        assertThat(spec.getTolerations()).containsExactly(DEDICATED);
        assertThat(spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()).hasSize(1);
        assertThat(spec.getTopologySpreadConstraints()).singleElement()
                .satisfies(c -> assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
        assertThat(spec.getPriorityClassName()).isEqualTo("whatsapp-sessions");
        assertThat(spec.getServiceAccountName()).isEqualTo("kubezap-session");
        assertThat(spec.getAutomountServiceAccountToken()).as("the pod never calls the Kubernetes API").isFalse();
        assertThat(pod.getMetadata().getLabels()).containsEntry("team", "shop")
                .containsEntry(SessionObjects.LABEL_INSTANCE, "loja-01");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("cost-center", "4711")
                .containsKey(PodTemplateHash.ANNOTATION);
        List<EnvVar> env = spec.getContainers().getFirst().getEnv();
        assertThat(env.getLast()).isEqualTo(new EnvVar("KUBEZAP_SEND_MAX_ATTEMPTS", "8", null));
        assertThat(env.subList(0, env.size() - 1)).extracting(EnvVar::getName)
                .containsExactlyElementsOf(SessionPodEnvironment.of(new SessionPodEnvironment.Source(session,
                        TestSessions.config(Map.of()).session(), TestSessions.config(Map.of()).database()))
                        .stream().map(EnvVar::getName).toList());
    }

    @Test
    void theChartsDefaultsApplyToEverySessionAndTheSessionsOwnFieldsWin() {
        Map<String, String> chart = Map.of("kubezap.session.pod-template", """
                {"nodeSelector": {"pool": "whatsapp", "disk": "ssd"},
                 "labels": {"team": "platform", "tier": "sessions"},
                 "tolerations": [{"key": "spot", "operator": "Exists"}],
                 "imagePullSecrets": [{"name": "registry"}],
                 "env": [{"name": "JAVA_TOOL_OPTIONS", "value": "-Xss512k"}, {"name": "KUBEZAP_SEND_MAX_ATTEMPTS", "value": "5"}]}
                """);
        WhatsAppSession plain = TestSessions.session("loja-01");
        WhatsAppSession own = TestSessions.session("loja-02");
        PodTemplate template = new PodTemplate();
        template.setNodeSelector(Map.of("disk", "nvme"));
        template.setLabels(Map.of("team", "shop"));
        template.setTolerations(List.of(DEDICATED));
        template.setEnv(List.of(new EnvVar("KUBEZAP_SEND_MAX_ATTEMPTS", "8", null)));
        own.getSpec().setPodTemplate(template);

        PodTemplateSpec defaults = render(chart, plain).getSpec().getTemplate();
        PodTemplateSpec overridden = render(chart, own).getSpec().getTemplate();

        assertThat(defaults.getSpec().getNodeSelector()).containsExactlyInAnyOrderEntriesOf(Map.of("pool", "whatsapp", "disk", "ssd"));
        assertThat(defaults.getSpec().getImagePullSecrets()).containsExactly(new LocalObjectReference("registry"));
        assertThat(defaults.getMetadata().getLabels()).containsEntry("team", "platform").containsEntry("tier", "sessions");
        assertThat(overridden.getSpec().getNodeSelector()).containsExactlyInAnyOrderEntriesOf(Map.of("pool", "whatsapp", "disk", "nvme"));
        assertThat(overridden.getMetadata().getLabels()).containsEntry("team", "shop").containsEntry("tier", "sessions");
        assertThat(overridden.getSpec().getTolerations()).as("lists are replaced whole").containsExactly(DEDICATED);
        assertThat(overridden.getSpec().getImagePullSecrets()).containsExactly(new LocalObjectReference("registry"));
        assertThat(extra(overridden)).containsExactly(new EnvVar("JAVA_TOOL_OPTIONS", "-Xss512k", null),
                new EnvVar("KUBEZAP_SEND_MAX_ATTEMPTS", "8", null));
    }

    @Test
    void aChangedPodTemplateRollsThePod() {
        WhatsAppSession session = TestSessions.session("loja-01");
        String before = hash(render(Map.of(), session).getSpec().getTemplate());

        session.getSpec().setPodTemplate(new PodTemplate());
        session.getSpec().getPodTemplate().setNodeSelector(Map.of("pool", "whatsapp"));
        session.getMetadata().setGeneration(2L);

        assertThat(hash(render(Map.of(), session).getSpec().getTemplate())).isNotEqualTo(before);
    }

    @Test
    void anEmptyPodTemplateRendersTheSamePodAsNone() {
        WhatsAppSession session = TestSessions.session("loja-01");
        String none = hash(render(Map.of(), session).getSpec().getTemplate());

        session.getSpec().setPodTemplate(new PodTemplate());

        assertThat(hash(render(Map.of(), session).getSpec().getTemplate())).isEqualTo(none);
    }

    /**
     * Issue 51 item 2: what the JVM, the loader or Node.js act on, and the operator's settings in any spelling Quarkus
     * reads as theirs, stop the session's pod from being rendered at all (a condition says why).
     */
    @ParameterizedTest
    @ValueSource(strings = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS", "LD_PRELOAD",
            "LD_LIBRARY_PATH", "NODE_OPTIONS", "QUARKUS_CONFIG_LOCATIONS", "KUBEZAP_MEDIA_URL_ALLOW_LIST",
            "kubezap.media.url-allow-list", "Kubezap_Webhook_Deny_List", "KUBEZAP_BAILEYS_NODE", "quarkus.datasource.username",
            // issue 68 item 4: what OpenSSL, Node.js, glibc or an HTTP client act on; no longer named one by one
            "OPENSSL_CONF", "HTTPS_PROXY", "https_proxy", "GCONV_PATH", "NODE_TLS_REJECT_UNAUTHORIZED", "kubezap_send_max_attempts"})
    void aSessionsEnvThatReachesTheJvmOrTheOperatorsSettingsRendersNoPod(String name) {
        WhatsAppSession session = TestSessions.session("loja-01");
        session.getSpec().setPodTemplate(new PodTemplate());
        session.getSpec().getPodTemplate().setEnv(List.of(new EnvVar("KUBEZAP_SEND_MAX_ATTEMPTS", "8", null),
                new EnvVar(name, "-javaagent:/var/lib/kubezap/media/agent.jar", null)));

        assertThatThrownBy(() -> render(Map.of(), session))
                .isInstanceOfSatisfying(ReservedEnvironmentException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.ReservedEnvironmentVariable))
                .hasMessageContaining(name)
                .hasMessageNotContaining("KUBEZAP_SEND_MAX_ATTEMPTS");
    }

    @Test
    void chartDefaultsThatSetWhatTheOperatorSetsStopTheOperatorAtStart() {
        assertThatThrownBy(() -> SessionPodTemplate.defaults(Optional.of("""
                {"labels": {"app.kubernetes.io/instance": "x"}, "annotations": {"kubezap.io/config-hash": "0"},
                 "env": [{"name": "KUBEZAP_API_KEY", "value": "k"}]}""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app.kubernetes.io/instance")
                .hasMessageContaining("kubezap.io/config-hash")
                .hasMessageContaining("KUBEZAP_API_KEY");
    }

    @Test
    void whereThePlatformAssignsTheUserThePodPinsNoneAndStillRunsAsNonRoot() {
        PodSecurityContext pinned = render(Map.of(), TestSessions.session("loja-01")).getSpec().getTemplate()
                .getSpec().getSecurityContext();
        PodSecurityContext assigned = render(Map.of("kubezap.session.platform-assigns-user", "true"),
                TestSessions.session("loja-01")).getSpec().getTemplate().getSpec().getSecurityContext();

        assertThat(pinned.getRunAsUser()).isEqualTo(SessionStatefulSet.RUN_AS);
        assertThat(assigned.getRunAsUser()).isNull();
        assertThat(assigned.getRunAsGroup()).isNull();
        assertThat(assigned.getFsGroup()).isNull();
        assertThat(assigned.getRunAsNonRoot()).isTrue();
        assertThat(assigned.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    /** The CRD's allow-list names none of the variables the operator sets, whatever rows the table gains. */
    @Test
    void theCrdsEnvRuleAllowsNoVariableTheOperatorSets() {
        assertThat(SessionPodEnvironment.names())
                .allSatisfy(name -> assertThat(PodTemplate.ENV_RULE).doesNotContain("'" + name + "'"));
    }

    static PodTemplate everyField() {
        PodTemplate template = new PodTemplate();
        template.setImagePullSecrets(List.of(new LocalObjectReference("registry")));
        template.setNodeSelector(Map.of("pool", "whatsapp"));
        template.setTolerations(List.of(DEDICATED));
        template.setAffinity(new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("kubernetes.io/arch").withOperator("In")
                .withValues("amd64").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
        template.setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder().withMaxSkew(1)
                .withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().addToMatchLabels(SessionObjects.LABEL_NAME, "kubezap-session").endLabelSelector()
                .build()));
        template.setPriorityClassName("whatsapp-sessions");
        template.setServiceAccountName("kubezap-session");
        template.setEnv(List.of(new EnvVar("KUBEZAP_SEND_MAX_ATTEMPTS", "8", null)));
        template.setLabels(Map.of("team", "shop"));
        template.setAnnotations(Map.of("cost-center", "4711"));
        return template;
    }

    private static io.fabric8.kubernetes.api.model.apps.StatefulSet render(Map<String, String> properties,
                                                                            WhatsAppSession session) {
        return new SessionStatefulSet(TestSessions.config(properties), new PodTemplateHashes())
                .render(session, INPUTS, Optional.empty());
    }

    private static List<EnvVar> extra(PodTemplateSpec pod) {
        return pod.getSpec().getContainers().getFirst().getEnv().stream()
                .filter(variable -> !SessionPodEnvironment.names().contains(variable.getName())).toList();
    }

    private static String hash(PodTemplateSpec pod) {
        return pod.getMetadata().getAnnotations().get(PodTemplateHash.ANNOTATION);
    }
}
