package io.kubezap.session.schema;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: down, with the reason, until the schema is the one this pod needs and the session
 * has started. Answers from the last check, so a probe never borrows a database connection.
 */
@Readiness
@Singleton
public class SchemaReadiness implements HealthCheck {

    private volatile SchemaStatus status = new SchemaStatus(SchemaStatus.State.UNREACHABLE, null, null, "not checked yet");
    private volatile boolean sessionStarted;

    void record(SchemaStatus latest) {
        this.status = latest;
    }

    void sessionStarted() {
        this.sessionStarted = true;
    }

    @Override
    public HealthCheckResponse call() {
        SchemaStatus current = status;
        return HealthCheckResponse.named("database-schema")
                .status(current.ready() && sessionStarted)
                .withData("state", current.state().name())
                .withData("reason", current.describe())
                .build();
    }
}
