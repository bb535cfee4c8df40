package io.kubezap.session.schema;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/**
 * {@code /q/health/ready}: down, with the reason, until the schema is the one this pod needs and the session
 * has started. Answers from the last check, so a probe never borrows a database connection.
 */
@Readiness
@Singleton
public class SchemaReadiness implements HealthCheck {

    private volatile SchemaStatus status = new SchemaStatus(SchemaStatus.State.UNREACHABLE, null, null, "not read yet, the pod is starting");
    private volatile boolean sessionStarted;

    public void record(SchemaStatus latest) {
        this.status = latest;
    }

    public void sessionStarted() {
        this.sessionStarted = true;
    }

    /** Why the session's tables cannot serve a request yet; empty once the schema is the one this pod needs. */
    public Optional<String> schemaNotReady() {
        SchemaStatus current = status;
        return current.ready() ? Optional.empty() : Optional.of(current.describe());
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
