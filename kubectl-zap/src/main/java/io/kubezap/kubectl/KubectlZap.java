package io.kubezap.kubectl;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.kubectl.cluster.ClusterOptions;
import io.kubezap.kubectl.command.DoctorCommand;
import io.kubezap.kubectl.command.EventsCommand;
import io.kubezap.kubectl.command.LinkCommand;
import io.kubezap.kubectl.command.LogsCommand;
import io.kubezap.kubectl.command.PairCommand;
import io.kubezap.kubectl.command.QrCommand;
import io.kubezap.kubectl.command.SendCommand;
import io.kubezap.kubectl.command.StatusCommand;
import io.kubezap.kubectl.run.RunOpener;
import io.kubezap.kubectl.run.Wiring;
import io.kubezap.kubectl.run.ZapRun;
import io.kubezap.kubectl.transport.TransportOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** {@code kubectl zap}: kubezap's WhatsApp sessions from the command line, with the user's kubeconfig. */
@Command(name = "kubectl zap", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "WhatsApp sessions (kubezap) from kubectl: through the gateway when one is installed, "
                + "otherwise straight to the session pod (port-forward, with the key from the session's Secret).",
        subcommands = {StatusCommand.class, QrCommand.class, PairCommand.class, LinkCommand.class, SendCommand.class, LogsCommand.class,
                EventsCommand.class, DoctorCommand.class})
public class KubectlZap implements Runnable, RunOpener {

    @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT, paramLabel = "NAMESPACE",
            description = "The namespace (default: the kubeconfig context's)")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, scope = ScopeType.INHERIT,
            description = "Every namespace (status)")
    boolean allNamespaces;

    @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "CONTEXT",
            description = "The kubeconfig context to use")
    String context;

    @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The kubeconfig file (default: KUBECONFIG, or ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--gateway", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The gateway's base URL (default: KUBEZAP_GATEWAY, else the gateway the chart installed, "
                    + "port-forwarded)")
    String gatewayUrl;

    @Option(names = "--gateway-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            description = "A gateway key (default: KUBEZAP_GATEWAY_KEY, else the chart's admin key if you may read it)")
    String gatewayKey;

    @Option(names = "--direct", scope = ScopeType.INHERIT,
            description = "Skip the gateway: port-forward to the session pod")
    boolean direct;

    @Spec
    CommandSpec spec;

    private final Wiring wiring;

    public KubectlZap(Wiring wiring) {
        this.wiring = wiring;
    }

    public static void main(String[] args) {
        System.exit(commandLine(Wiring.real()).execute(args));
    }

    public static CommandLine commandLine(Wiring wiring) {
        return new CommandLine(new KubectlZap(wiring)).setExecutionExceptionHandler((failure, command, parsed) -> {
            command.getErr().println("error: " + oneLine(failure));
            command.getErr().flush();
            return 1;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What a subcommand works with for one run; close it when done. */
    @Override
    public ZapRun open() {
        ClusterOptions cluster = new ClusterOptions(kubeconfig, context, namespace, allNamespaces);
        TransportOptions transport = new TransportOptions(direct,
                gatewayUrl != null ? gatewayUrl : wiring.environment().get(TransportOptions.GATEWAY_ENV),
                gatewayKey != null ? gatewayKey : wiring.environment().get(TransportOptions.GATEWAY_KEY_ENV));
        return new ZapRun(wiring, cluster, transport, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private static String oneLine(Exception failure) {
        if (failure instanceof KubernetesClientException kube) {
            if (kube.getStatus() == null) {
                // no answer from the API server at all: the client's own message says nothing without its cause
                Throwable root = kube;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                return "cannot reach the Kubernetes API server (" + firstLine(root) + "): " + firstLine(kube);
            }
            if (kube.getStatus().getMessage() != null) {
                return kube.getStatus().getMessage();
            }
        }
        return firstLine(failure);
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
