package io.kubezap.kubectl.command;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.kubectl.run.RunOpener;
import io.kubezap.kubectl.run.ZapRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Sessions with their phase, number, readiness, webhook backlog and last error; one session in detail. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Phase, number, conditions, last error and webhook backlog of a session, "
                + "or a table of the namespace's sessions (-A: of every namespace); --fleet: the whole installation.")
public class StatusCommand implements Runnable {

    @ParentCommand
    RunOpener zap;

    @Parameters(arity = "0..1", paramLabel = "SESSION", description = "The session (default: all of the namespace)")
    String name;

    @Option(names = "--fleet", description = "One report of the installation: schema, rollout, pooler, operator leader, "
            + "and the sessions that need someone (logged out, failed, restricted)")
    boolean fleet;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "With --fleet: table (default) or json")
    FleetOutput output = FleetOutput.table;

    @Override
    public void run() {
        try (ZapRun run = zap.open()) {
            if (fleet) {
                FleetStatus.print(run, output);
            } else if (name != null) {
                detail(run, run.session(name));
            } else {
                table(run);
            }
        }
    }

    private static void table(ZapRun run) {
        List<WhatsAppSession> sessions = run.lookup().sessions(run.allNamespaces() ? null : run.namespace());
        if (sessions.isEmpty()) {
            run.out().println(run.allNamespaces() ? "No sessions found." : "No sessions found in namespace " + run.namespace() + ".");
            run.out().flush();
            return;
        }
        List<String> headers = new ArrayList<>(List.of("NAME", "PHASE", "NUMBER", "READY", "WEBHOOK BACKLOG", "LAST ERROR"));
        if (run.allNamespaces()) {
            headers.addFirst("NAMESPACE");
        }
        Table table = new Table(headers);
        for (WhatsAppSession session : sessions) {
            PodView pod = PodView.of(run, session);
            List<String> row = new ArrayList<>(List.of(session.getMetadata().getName(), phase(session), number(session),
                    condition(session, WhatsAppSessionStatus.CONDITION_READY), pod.backlog(), pod.lastError()));
            if (run.allNamespaces()) {
                row.addFirst(session.getMetadata().getNamespace());
            }
            table.row(row);
        }
        table.print(run.out());
    }

    private static void detail(ZapRun run, WhatsAppSession session) {
        PodView pod = PodView.of(run, session);
        PrintWriter out = run.out();
        out.println(TerminalText.visible("Session:          " + session.getMetadata().getNamespace() + "/"
                + session.getMetadata().getName()));
        out.println("Phase:            " + phase(session));
        out.println(TerminalText.visible("Number:           " + account(session)));
        out.println(TerminalText.visible("Last error:       " + pod.lastError()));
        out.println("Webhook backlog:  " + pod.backlog() + (pod.pendingDeliveries() == null ? "" : " pending deliveries"));
        if (pod.unreachable() != null) {
            out.println(TerminalText.visible("Pod:              not reachable: " + pod.unreachable()));
        }
        out.println("Conditions:");
        Table conditions = new Table(List.of("  TYPE", "STATUS", "REASON", "MESSAGE"));
        for (Condition c : session.getStatus() == null ? List.<Condition>of() : session.getStatus().getConditions()) {
            conditions.row(List.of("  " + c.getType(), c.getStatus(), orDash(c.getReason()), orDash(c.getMessage())));
        }
        out.flush();
        conditions.print(out);
    }

    private static String phase(WhatsAppSession session) {
        return session.getStatus() == null || session.getStatus().getPhase() == null ? "<unknown>"
                : session.getStatus().getPhase().name();
    }

    private static String number(WhatsAppSession session) {
        Account account = session.getStatus() == null ? null : session.getStatus().getAccount();
        return account == null || account.phoneNumber() == null ? "-" : account.phoneNumber();
    }

    private static String account(WhatsAppSession session) {
        Account account = session.getStatus() == null ? null : session.getStatus().getAccount();
        if (account == null) {
            return "- (not linked)";
        }
        return account.phoneNumber() + (account.pushName() == null ? "" : " (" + account.pushName() + ")");
    }

    private static String condition(WhatsAppSession session, String type) {
        return session.getStatus() == null ? "-"
                : session.getStatus().condition(type).map(Condition::getStatus).orElse("-");
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
