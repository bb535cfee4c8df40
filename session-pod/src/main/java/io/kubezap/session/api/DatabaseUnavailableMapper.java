package io.kubezap.session.api;

import io.kubezap.contract.DatabaseOutage;
import io.kubezap.session.db.DatabaseException;
import io.kubezap.session.db.DatabaseFailures;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.problem.ApiException;
import io.kubezap.session.problem.ProblemMappers;
import io.kubezap.session.schema.SchemaReadiness;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Optional;

/**
 * A request the database could not serve because PostgreSQL is out of reach (down, restarting, out of connections)
 * or its schema is not yet the one this pod needs: 503 with {@code Retry-After}, which clients and proxies retry, as
 * they do not retry a 500. A write the database refuses because the session is at its storage quota in PostgreSQL is
 * 507 {@code storage-quota-exceeded}, as for files. Any other database failure stays a 500.
 */
public class DatabaseUnavailableMapper {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailableMapper.class);

    private final SchemaReadiness schema;

    public DatabaseUnavailableMapper(@Readiness SchemaReadiness schema) {
        this.schema = schema;
    }

    @ServerExceptionMapper
    public Response database(DatabaseException e) {
        Optional<String> quota = DatabaseFailures.storageQuotaExceeded(e);
        if (quota.isPresent()) {
            LOG.warnf("Answered 507: %s", quota.get());
            return ProblemMappers.respond(ApiException.of(Failure.storageFull("The session's rows in the database are at"
                    + " its storage quota (" + quota.get() + "). Delete messages or events (retention), or ask the"
                    + " cluster admin to raise the session's database quota (chart session.databaseQuota);"
                    + " what WhatsApp delivers meanwhile is kept and stored once there is room.")));
        }
        Optional<String> why = schema.schemaNotReady().or(() -> DatabaseFailures.unavailable(e));
        if (why.isEmpty()) {
            return ProblemMappers.internalError(e);
        }
        LOG.warnf("Answered 503, the database is unavailable: %s (%s)", why.get(), DatabaseFailures.rootMessage(e));
        return ProblemMappers.respond(new ApiException(503, DatabaseOutage.PROBLEM_SLUG, DatabaseOutage.PROBLEM_TITLE,
                "The session's database cannot serve requests right now: " + why.get()
                        + ". Retry later; a send retried with the same Idempotency-Key is stored once.")
                .withHeader("Retry-After", Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS)));
    }
}
