package io.kubezap.operator.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderElectionProducerTest {

    @Test
    void electsALeaderOnTheKubezapLeaseUnlessSwitchedOff() {
        LeaderElectionProducer producer = new LeaderElectionProducer();
        producer.enabled = true;
        assertThat(producer.leaderElection().getLeaseName()).isEqualTo("kubezap-operator");
        assertThat(producer.leaderElection().getLeaseNamespace()).as("the operator's own namespace").isEmpty();

        producer.enabled = false;
        assertThat(producer.leaderElection()).isNull();
    }
}
