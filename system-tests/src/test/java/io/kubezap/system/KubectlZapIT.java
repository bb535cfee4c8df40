package io.kubezap.system;

import io.kubezap.api.v1alpha1.SessionPhase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code kubectl zap} (kubectl-zap/target/kubectl-zap) with the system's kubeconfig, through a real
 * gateway to a real session pod: the QR drawn in the terminal until a phone scans it, a text that reaches the phone,
 * the status table and the session's events. The port-forward path cannot run here (the mock API server does not
 * port-forward): the plugin is given the gateway's URL and a gateway key.
 */
class KubectlZapIT {

    static final String SESSION = "quiosque";
    static final String OWNER = "5511988880301";
    static final String CUSTOMER = "5511977770302";
    static final String KEY = "kubectl-zap-key-of-the-system-test";

    private final TheSystem system = TheSystem.get();

    @Test
    void linksSendsAndShowsASessionThroughTheGateway() throws Exception {
        system.gatewayKey("kubectl-zap-key", KEY, "admin", "*");
        URI gateway = system.gateways().getFirst();
        system.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Balcão"));
        system.control("POST", "/api/phones", Map.of("number", CUSTOMER, "pushName", "Cliente do balcão"));
        system.apply("examples/session-qr.yaml", yaml -> yaml.replace("name: loja-01", "name: " + SESSION));

        Zap qr = Zap.start(gateway, system, "qr", SESSION, "--timeout", "PT4M");
        TheSystem.await("kubectl zap qr to draw a QR", () -> qr.output().contains("Scan with WhatsApp"));
        assertThat(qr.output()).contains("█");
        String code = system.awaitQr(SESSION, "a QR", drawn -> true);
        system.control("POST", "/api/phones/" + OWNER + "/scan", Map.of("qr", code));
        assertThat(qr.exitCode()).as(qr.output()).isZero();
        assertThat(qr.output()).contains("Linked: " + OWNER);

        Zap send = Zap.start(gateway, system, "send", SESSION, "--to", CUSTOMER, "--text", "Seu pedido está pronto.");
        assertThat(send.exitCode()).as(send.output()).isZero();
        assertThat(send.output()).startsWith("Message ").endsWith(": queued\n");
        TheSystem.await("the customer's phone to receive the text", () -> system.inboxHas(CUSTOMER, "Seu pedido está pronto."));

        system.awaitSession(SESSION, "Connected", s -> s.getStatus().getPhase() == SessionPhase.Connected);
        Zap status = Zap.start(gateway, system, "status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).containsPattern("(?m)^" + SESSION + " +Connected +" + OWNER + " +True +0 +-$");

        Zap events = Zap.start(gateway, system, "events", SESSION, "--limit", "100");
        assertThat(events.exitCode()).as(events.output()).isZero();
        assertThat(events.output()).contains("session.connected", "message.sent");
    }

    /** One run of the launcher, as kubectl runs a plugin, its stdout and stderr read together. */
    private record Zap(Process process, StringBuffer out, Thread reader) {

        static Zap start(URI gateway, TheSystem system, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(System.getProperty("kubezap.kubectlZap"),
                    "--kubeconfig", system.kubeconfig().toString(), "-n", TheSystem.NAMESPACE,
                    "--gateway", gateway.toString(), "--gateway-key", KEY));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuffer out = new StringBuffer();
            // a platform thread: a blocking pipe read holds a virtual thread's carrier, and two such readers once
            // took both carriers of a 2-CPU machine (wa-simulator's IndependentClientsIT hung so)
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                    char[] chunk = new char[8192];
                    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                        out.append(chunk, 0, n);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new Zap(process, out, reader);
        }

        String output() {
            return out.toString();
        }

        int exitCode() throws InterruptedException {
            if (!process.waitFor(TheSystem.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl zap still running: " + output());
            }
            reader.join(5_000);
            return process.exitValue();
        }
    }
}
