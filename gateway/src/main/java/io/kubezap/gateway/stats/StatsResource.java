package io.kubezap.gateway.stats;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.gateway.auth.Access;
import io.kubezap.gateway.auth.SessionSet;
import io.kubezap.gateway.problem.GatewayException;
import io.kubezap.contract.Problem;
import io.kubezap.gateway.session.SessionCatalog;
import io.kubezap.gateway.session.SessionView;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

@Path("/api/v1/stats")
@Tag(name = "Stats")
public class StatsResource {

    private static final int MAX_LATEST = 100;

    private final Access access;
    private final SessionCatalog catalog;
    private final MessageFigures figures;

    StatsResource(Access access, SessionCatalog catalog, MessageFigures figures) {
        this.access = access;
        this.catalog = catalog;
        this.figures = figures;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "getFleetStats", summary = "Sessions by phase, messages in/out/failed (total and last 24 h), webhook deliveries "
            + "pending/failed and the latest messages, over every session the caller may read (or those named)")
    public GlobalStats stats(@QueryParam("namespace") List<String> namespaces,
                             @QueryParam("session") List<String> sessions,
                             @QueryParam("latest") @DefaultValue("10") int latest) throws SQLException {
        if (latest < 0 || latest > MAX_LATEST) {
            throw GatewayException.invalid("latest", "must be between 0 and " + MAX_LATEST);
        }
        SessionSet reach = access.reach(namespaces, sessions);
        MessageFigures.Figures counted = figures.of(reach, latest);
        return new GlobalStats(sessionCounts(reach), counted.messages(), counted.webhooks(), counted.latest());
    }

    private GlobalStats.SessionCounts sessionCounts(SessionSet reach) {
        List<WhatsAppSession> covered = catalog.all(access.visible()).stream()
                .filter(s -> reach.contains(s.getMetadata().getNamespace(), s.getMetadata().getName()))
                .toList();
        Map<String, Long> byPhase = covered.stream()
                .collect(Collectors.groupingBy(s -> SessionView.phase(s).toString(), TreeMap::new, Collectors.counting()));
        return new GlobalStats.SessionCounts(covered.size(), byPhase);
    }
}
