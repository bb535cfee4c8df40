package io.kubezap.kubectl.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kubezap.kubectl.fleet.FleetReport;
import io.kubezap.kubectl.fleet.FleetSurvey;
import io.kubezap.kubectl.run.ZapRun;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints {@code kubectl zap status --fleet}: a few labelled lines and two tables, or the report as JSON; what tenants
 * and pods wrote is shown by {@link TerminalText}, never sent to the terminal raw.
 */
final class FleetStatus {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static {
        JSON.getFactory().setCharacterEscapes(TerminalText.json());
    }

    private FleetStatus() {
    }

    static void print(ZapRun run, FleetOutput output) {
        FleetReport report = new FleetSurvey(run.client(), run.forwarder()).survey(run.lookup().sessions(null));
        PrintWriter out = run.out();
        if (output == FleetOutput.json) {
            out.println(json(report));
        } else {
            table(report, out);
        }
        out.flush();
    }

    private static void table(FleetReport report, PrintWriter out) {
        out.println(TerminalText.visible("Operator leader:   " + leader(report.operator())));
        FleetReport.Rollout rollout = report.rollout();
        out.println("Rollout:           " + rollout.onCurrentTemplate() + "/" + rollout.sessions()
                + " sessions on their current pod template, " + rollout.restarting() + " restarting now (ceiling "
                + (rollout.ceiling() == null ? "unknown" : rollout.ceiling()) + ")");
        out.println(TerminalText.visible("Pooler waiting:    " + pooler(report.pooler())));
        out.println(TerminalText.visible("Pooler sharing:    " + sharing(report.pooler())));
        if (report.schemaNote() != null) {
            out.println(TerminalText.visible("Schema:            " + report.schemaNote()));
        } else {
            out.println("Schema (as each session image's pods see it):");
            Table schema = new Table(List.of("  IMAGE", "STATE", "REASON"));
            report.schema().forEach(r -> schema.row(List.of("  " + r.image(), r.state(), r.reason())));
            out.flush();
            schema.print(out);
        }
        if (report.attention().isEmpty()) {
            out.println("Sessions needing attention: none");
            return;
        }
        out.println("Sessions needing attention (logged out, failed, restricted):");
        Table attention = new Table(List.of("  NAMESPACE", "NAME", "PHASE", "WHY"));
        report.attention().forEach(a -> attention.row(List.of("  " + a.namespace(), a.name(), a.phase(),
                a.reason() + (a.message() == null || a.message().isBlank() ? "" : ": " + a.message()))));
        out.flush();
        attention.print(out);
    }

    private static String leader(FleetReport.Operator operator) {
        if (operator.leader() != null) {
            return operator.leader() + " (Lease " + operator.namespace() + "/" + operator.lease() + ")";
        }
        return "none (" + operator.note() + ")";
    }

    private static String pooler(FleetReport.Pooler pooler) {
        if (pooler.waitingClients() == null) {
            return "not exposed (" + pooler.note() + ")";
        }
        return pooler.waitingClients() + " clients waiting for a server connection (" + pooler.byPod().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }

    private static String sharing(FleetReport.Pooler pooler) {
        if (pooler.serverConnections() == null) {
            return "unknown (no PgBouncer ConfigMap or CloudNativePG Pooler of the chart found)";
        }
        String sharing = pooler.serverConnections() + " server connections per PgBouncer for " + pooler.sessionNamespaces()
                + " namespaces with sessions";
        return pooler.namespacesOutnumberConnections()
                ? sharing + ": fewer than the namespaces, so under load each connection passes between namespaces with a"
                + " new server login (raise postgresql.pooler.serverConnections; docs/database.md)"
                : sharing;
    }

    private static String json(FleetReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the fleet report is plain data", e);
        }
    }
}
