package io.kubezap.session.testing;

import io.kubezap.session.schema.SchemaReadiness;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * Every {@code @QuarkusTest} begins once the session has started: the pod starts it beside the rest of start-up
 * (SchemaGate), so Quarkus can be up a moment before it, as a pod is before it turns ready.
 */
public class SessionStartedCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        SchemaReadiness readiness = Arc.container().instance(SchemaReadiness.class, Readiness.Literal.INSTANCE).get();
        await("the session started (readiness up)").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> readiness.call().getStatus() == HealthCheckResponse.Status.UP);
    }
}
