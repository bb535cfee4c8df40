package io.kubezap.operator.model;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.Placement;
import io.kubezap.contract.StorageMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 81: a session's placement from its spec and its namespace's defaults ConfigMap. */
class PlacementsTest {

    private static final String WHERE = "ConfigMap tenant-a/kubezap-session-defaults";

    @Test
    void withoutAnyChoiceEverySessionKeepsAPodOfItsOwn() {
        assertThat(Placements.effective(TestSessions.session("shop"), HostDefaults.NONE, StorageMode.Database))
                .isEqualTo(Placement.Pod);
        assertThat(SessionDefaults.parse("webhooks: []", WHERE).hosts()).isEqualTo(HostDefaults.NONE);
    }

    @Test
    void theNamespacesHostDefaultPlacesItsDatabaseModeSessionsOnHostsAndLeavesVolumeModeSessionsOnPods() {
        HostDefaults namespace = SessionDefaults.parse("placement: Host\nsessionsPerHost: 50", WHERE).hosts();

        assertThat(namespace).isEqualTo(new HostDefaults(Placement.Host, 50));
        assertThat(Placements.effective(TestSessions.session("shop"), namespace, StorageMode.Database)).isEqualTo(Placement.Host);
        assertThat(Placements.effective(TestSessions.session("shop"), namespace, StorageMode.Volume)).isEqualTo(Placement.Pod);
    }

    @Test
    void aSessionsOwnPlacementWinsOverItsNamespaces() {
        WhatsAppSession session = TestSessions.session("shop");
        session.getSpec().setPlacement(Placement.Pod);

        assertThat(Placements.effective(session, new HostDefaults(Placement.Host, 100), StorageMode.Database)).isEqualTo(Placement.Pod);
    }

    @Test
    void badHostDefaultsAreRefusedNamingTheConfigMapAndTheField() {
        assertThatThrownBy(() -> SessionDefaults.parse("placement: host", WHERE))
                .hasMessageContaining(WHERE).hasMessageContaining("placement: must be Pod or Host, not 'host'");
        assertThatThrownBy(() -> SessionDefaults.parse("sessionsPerHost: 0", WHERE))
                .hasMessageContaining(WHERE).hasMessageContaining("sessionsPerHost must be 1 to 500");
        assertThatThrownBy(() -> SessionDefaults.parse("sessionsPerHost: many", WHERE))
                .hasMessageContaining("sessionsPerHost: must be a whole number");
        assertThatThrownBy(() -> SessionDefaults.parse("sessionsPerHost: 1.5", WHERE))
                .hasMessageContaining("sessionsPerHost: must be a whole number");
    }
}
