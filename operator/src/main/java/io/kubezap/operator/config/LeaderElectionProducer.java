package io.kubezap.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leader election on a Lease named {@value #LEASE_NAME} in the operator's namespace. The Quarkus Operator SDK
 * only asks for this bean in the profiles it activates leader election for (prod by default).
 */
public class LeaderElectionProducer {

    public static final String LEASE_NAME = "kubezap-operator";

    @ConfigProperty(name = "quarkus.operator-sdk.leader-election.enabled", defaultValue = "true")
    boolean enabled;

    @Produces
    @Dependent
    LeaderElectionConfiguration leaderElection() {
        return enabled ? new LeaderElectionConfiguration(LEASE_NAME) : null;
    }
}
