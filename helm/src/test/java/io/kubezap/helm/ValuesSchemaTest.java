package io.kubezap.helm;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad values stop {@code helm install/template} with the chart's values.schema.json message. */
class ValuesSchemaTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void negativeReplicasAreRejectedNamingTheValueAndTheMinimum() {
        assertThatThrownBy(() -> chart.render(Map.of("operator.replicas", -1)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/operator/replicas")
                .hasMessageContaining("minimum: got -1, want 0");
    }

    @Test
    void turningTheBundledDatabaseOffWithoutNamingTheExternalSecretIsRejected() {
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.bundled.enabled", false)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/postgresql/external")
                .hasMessageContaining("missing property 'secretName'");
    }

    @Test
    void aRolloutBudgetIsACountOrAPercentageOfANamespacesSessions() {
        org.assertj.core.api.Assertions.assertThat(chart.render(Map.of("operator.maxConcurrentRollouts", "25%"))
                .operatorEnv()).containsEntry("KUBEZAP_MAX_CONCURRENT_ROLLOUTS", "25%");
        assertThatThrownBy(() -> chart.render(Map.of("operator.maxConcurrentRollouts", "150%")))
                .hasMessageContaining("/operator/maxConcurrentRollouts");
        assertThatThrownBy(() -> chart.render(Map.of("operator.maxConcurrentRollouts", 0)))
                .hasMessageContaining("/operator/maxConcurrentRollouts");
    }

    @Test
    void anEmptyExternalSecretNameIsRejected() {
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.bundled.enabled", false, "postgresql.external.secretName", "")))
                .hasMessageContaining("/postgresql/external/secretName")
                .hasMessageContaining("minLength");
    }

    @Test
    void misspelledKeysAreRejectedInsteadOfSilentlyIgnored() {
        assertThatThrownBy(() -> chart.render(Map.of("operator.replica", 2)))
                .hasMessageContaining("additional properties 'replica' not allowed");
    }

    @Test
    void theBaileysImageHasNoPullPolicyOfItsOwn() {
        assertThatThrownBy(() -> chart.render(Map.of("session.baileysImage.pullPolicy", "Always")))
                .hasMessageContaining("/session/baileysImage")
                .hasMessageContaining("additional properties 'pullPolicy' not allowed");
    }

    @Test
    void watchNamespacesMustBeNamespaceNames() {
        assertThatThrownBy(() -> chart.render(Map.of("watchNamespaces[0]", "Shop_1")))
                .hasMessageContaining("/watchNamespaces/0");
    }
}
