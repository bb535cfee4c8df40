package io.kubezap.gateway.cache;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/** Ready once every informer has listed: until then the gateway's caches may miss what exists. */
@Readiness
@ApplicationScoped
class InformersReadiness implements HealthCheck {

    private final PrunedInformers informers;

    InformersReadiness(PrunedInformers informers) {
        this.informers = informers;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> unsynced = informers.unsynced();
        return HealthCheckResponse.named("informers").status(unsynced.isEmpty())
                .withData("unsynced", String.join(",", unsynced)).build();
    }
}
