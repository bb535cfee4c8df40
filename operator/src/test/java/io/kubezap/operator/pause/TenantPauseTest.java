package io.kubezap.operator.pause;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.model.PodInputs;
import io.kubezap.operator.model.PodTemplateHashes;
import io.kubezap.operator.model.SessionStatefulSet;
import io.kubezap.operator.model.TestSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 79 S10: a tenant's pause annotation froze the admin's changes too (allow-list removals, images, the database
 * quota, a new KMS key). The annotation now holds only while the session's StatefulSet was made under the installation's
 * current settings; the operator-wide pause, the admin's own, holds whatever changed.
 */
class TenantPauseTest {

    /** The installation's settings before the admin's change. */
    private static final Map<String, String> BEFORE = Map.of(
            "kubezap.session.image", "registry.local/session-pod:1",
            "kubezap.session.media-url-allow-list", "10.20.0.0/16,files.internal",
            "kubezap.session.database-quota", "2Gi",
            "kubezap.session.key-wrapping-kms-key", "alias/kubezap-2025");
    private static final PodInputs INPUTS = new PodInputs("0123abcd", "89abcdef");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "allow-list removal | kubezap.session.media-url-allow-list | 10.20.0.0/16",
            "image change       | kubezap.session.image                | registry.local/session-pod:2",
            "quota change       | kubezap.session.database-quota       | 1Gi",
            "key rotation       | kubezap.session.key-wrapping-kms-key | alias/kubezap-2026"})
    void anAdminsChangeReachesASessionItsTenantPaused(String change, String setting, String value) {
        Map<String, String> after = new HashMap<>(BEFORE);
        after.put(setting, value);
        WhatsAppSession session = paused("loja-01", "true");
        StatefulSet madeBefore = pod(BEFORE).render(session, INPUTS, Optional.empty());

        assertThat(pause(BEFORE, false).why(session, Optional.of(madeBefore))).as("nothing changed: the pause holds")
                .map(ReconciliationPause.Why::reason).contains(Reason.PausedByAnnotation);
        assertThat(pause(after, false).why(session, Optional.of(madeBefore))).as(change + ": the session is reconciled")
                .isEmpty();
        assertThat(pause(after, true).why(session, Optional.of(madeBefore))).as("the admin's own pause holds")
                .map(ReconciliationPause.Why::reason).contains(Reason.PausedByOperator);
    }

    /** What the reconcile the pause let through writes: the StatefulSet of the current settings. */
    @Test
    void theReconcileWritesTheCurrentSettingsIntoThePod() {
        Map<String, String> after = new HashMap<>(BEFORE);
        after.put("kubezap.session.image", "registry.local/session-pod:2");
        after.put("kubezap.session.media-url-allow-list", "10.20.0.0/16");
        after.put("kubezap.session.key-wrapping-kms-key", "alias/kubezap-2026");
        StatefulSet desired = pod(after).render(paused("loja-01", "true"), INPUTS, Optional.empty());

        var container = desired.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("registry.local/session-pod:2");
        assertThat(env(container.getEnv(), "KUBEZAP_MEDIA_URL_ALLOW_LIST")).contains("10.20.0.0/16");
        assertThat(env(container.getEnv(), "KUBEZAP_KEY_WRAPPING_KMS_KEY")).contains("alias/kubezap-2026");
        assertThat(pause(after, false).why(paused("loja-01", "true"), Optional.of(desired))).as("then the pause holds again")
                .isPresent();
    }

    private static WhatsAppSession paused(String name, String annotation) {
        WhatsAppSession session = TestSessions.session(name);
        session.getMetadata().setAnnotations(Map.of(ReconciliationPause.ANNOTATION, annotation));
        return session;
    }

    private static SessionStatefulSet pod(Map<String, String> settings) {
        return new SessionStatefulSet(TestSessions.config(settings), new PodTemplateHashes());
    }

    private static ReconciliationPause pause(Map<String, String> settings, boolean operatorWide) {
        Map<String, String> with = new HashMap<>(settings);
        with.put("kubezap.pause-reconciliation", Boolean.toString(operatorWide));
        return ReconciliationPause.of(TestSessions.config(with));
    }

    private static Optional<String> env(List<EnvVar> env, String name) {
        return env.stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst();
    }
}
