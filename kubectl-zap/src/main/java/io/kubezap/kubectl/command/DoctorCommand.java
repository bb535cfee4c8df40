package io.kubezap.kubectl.command;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.kubectl.doctor.Diagnosis;
import io.kubezap.kubectl.doctor.Finding;
import io.kubezap.kubectl.doctor.SessionFacts;
import io.kubezap.kubectl.run.RunOpener;
import io.kubezap.kubectl.run.ZapRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * What is wrong with a session and what to do, in one screen: its status and conditions, its StatefulSet and pod,
 * and their Events, read with the user's credentials (no call to the session's pod). Exits {@value #SOMETHING_WRONG}
 * when it finds anything.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "What is wrong with a session and what to do: reads its status, StatefulSet, pod and Events; "
                + "one line per finding with its remedy. Exit code " + DoctorCommand.SOMETHING_WRONG
                + " when something is wrong, 0 when nothing is.")
public class DoctorCommand implements Callable<Integer> {

    /** Not 1 (an error: no such session, no cluster) nor 2 (picocli's usage error). */
    static final int SOMETHING_WRONG = 3;

    @ParentCommand
    RunOpener zap;

    @Parameters(paramLabel = "SESSION")
    String name;

    @Override
    public Integer call() {
        try (ZapRun run = zap.open()) {
            WhatsAppSession session = run.session(name);
            List<Finding> findings = Diagnosis.of(read(run.client(), session));
            print(run.out(), session, findings);
            return findings.isEmpty() ? 0 : SOMETHING_WRONG;
        }
    }

    /**
     * The namespace's Events are listed once and kept for the session, its StatefulSet and pod: field selectors on
     * involvedObject would take one call per object, and a namespace keeps an hour of Events.
     */
    private static SessionFacts read(KubernetesClient client, WhatsAppSession session) {
        String namespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        Set<String> objects = Set.of(name, name + "-0");
        List<Event> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && objects.contains(e.getInvolvedObject().getName()))
                .toList();
        return new SessionFacts(session, client.apps().statefulSets().inNamespace(namespace).withName(name).get(),
                client.pods().inNamespace(namespace).withName(name + "-0").get(), events);
    }

    private static void print(PrintWriter out, WhatsAppSession session, List<Finding> findings) {
        String phase = session.getStatus() == null || session.getStatus().getPhase() == null ? "<no status>"
                : session.getStatus().getPhase().name();
        out.println("Session " + session.getMetadata().getNamespace() + "/" + session.getMetadata().getName()
                + ": phase " + phase + ", " + (findings.isEmpty() ? "nothing wrong found"
                : findings.size() + (findings.size() == 1 ? " problem" : " problems")));
        findings.forEach(finding -> out.println(finding.line()));
        out.flush();
    }
}
