package io.kubezap.operator.metrics;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code kubezap_sessions{phase}} reads when the application starts again on a registry that outlived it. */
class SessionPhaseGaugeTest {

    @Test
    void aRestartedApplicationCountsItsOwnSessionsNotTheStoppedOnes() {
        var global = new CompositeMeterRegistry();
        var first = new SessionPhaseGauge(global);
        first.record(new ResourceID("alpha", "shop"), SessionPhase.Connected);
        first.unregister();

        var child = new SimpleMeterRegistry();
        global.add(child);
        var second = new SessionPhaseGauge(global);
        second.record(new ResourceID("bravo", "shop"), SessionPhase.WaitingForQR);

        assertThat(child.get(SessionPhaseGauge.NAME).tag("phase", "WaitingForQR").gauge().value()).isEqualTo(1.0);
        assertThat(child.get(SessionPhaseGauge.NAME).tag("phase", "Connected").gauge().value()).isZero();
    }
}
