package io.kubezap.kubectl;

import io.kubezap.kubectl.run.Wiring;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Supplier;

/** Runs kubectl zap as the user would, against the mock API server and a fake port-forwarder; captures its output. */
final class ZapRunner {

    record Result(int exitCode, String out, String err) {
    }

    private final Supplier<KubernetesClient> clients;
    private final FakePortForwarder forwarder;
    private final Map<String, String> environment;

    ZapRunner(KubernetesMockServer server, FakePortForwarder forwarder, Map<String, String> environment) {
        this(server::createClient, forwarder, environment);
    }

    ZapRunner(Supplier<KubernetesClient> clients, FakePortForwarder forwarder, Map<String, String> environment) {
        this.clients = clients;
        this.forwarder = forwarder;
        this.environment = environment;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs with {@code input} as standard input (what the user types or pastes). */
    Result runWithInput(String input, String... args) {
        CommandLine zap = KubectlZap.commandLine(new Wiring(options -> clients.get(), client -> forwarder, environment,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        zap.setOut(new PrintWriter(out, true));
        zap.setErr(new PrintWriter(err, true));
        int exitCode = zap.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
