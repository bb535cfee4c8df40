package io.kubezap.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Leader election on a Lease named {@value #LEASE_NAME} in the operator's namespace. The Quarkus Operator SDK
 * only asks for this bean in the profiles it activates leader election for (prod by default).
 */
public class LeaderElectionProducer {

    public static final String LEASE_NAME = "kubezap-operator";
    /**
     * A leader that cannot renew for {@link #RENEW_DEADLINE} ends its process (JOSDK cannot pause its reconciles, and
     * a standby may take the Lease). client-go's 15 s / 10 s turned 30 s of a silent API server into a restart; these
     * sit it out, at the cost of a standby taking over a lost leader up to 60 s later (issue 84).
     */
    static final Duration LEASE_DURATION = Duration.ofSeconds(60);
    static final Duration RENEW_DEADLINE = Duration.ofSeconds(45);
    static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

    @ConfigProperty(name = "quarkus.operator-sdk.leader-election.enabled", defaultValue = "true")
    boolean enabled;

    @Produces
    @Dependent
    LeaderElectionConfiguration leaderElection() {
        return enabled ? new LeaderElectionConfiguration(LEASE_NAME, null, LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD) : null;
    }
}
