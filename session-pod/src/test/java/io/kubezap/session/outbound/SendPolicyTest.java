package io.kubezap.session.outbound;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SendPolicyTest {

    @Test
    void pacerSpacesSendsEvenlyOverTheMinute() {
        SendPacer pacer = new SendPacer(30);
        Instant t0 = Instant.parse("2026-11-21T05:00:00Z");
        assertThat(pacer.waitBefore(t0)).isZero();
        pacer.sending(t0);
        assertThat(pacer.waitBefore(t0.plusMillis(500))).isEqualTo(Duration.ofMillis(1500));
        assertThat(pacer.waitBefore(t0.plusSeconds(2))).isZero();
    }
}
