package io.kubezap.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.contract.GatewayApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged plugin (target/kubectl-zap: the JDK finder, then the jar in the same file) run as kubectl runs a
 * plugin, with a kubeconfig of two contexts on the mock API server: its flags, the fabric8 client on the JDK's HTTP
 * client, the API types and the session API from the shaded jar. No port-forward (the mock cannot): the pod here is
 * not ready and the send goes to a gateway URL.
 */
@EnableKubernetesMockClient(crud = true)
class LauncherIT {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void theLauncherTakesKubectlsFlagsAndReachesSessions() throws Exception {
        ClusterFixture cluster = new ClusterFixture(client);
        cluster.session("shop", "loja-01", SessionPhase.Connected, "5511999999999", false);
        cluster.resource("other", "caixa", SessionPhase.WaitingForQR, null);
        Path kubeconfig = kubeconfig();

        Run shop = zap("--kubeconfig", kubeconfig.toString(), "status");
        assertThat(shop.exitCode).as(shop.output).isZero();
        assertThat(shop.output).startsWith("NAME      PHASE       NUMBER          READY   WEBHOOK BACKLOG   LAST ERROR\n"
                + "loja-01   Connected   5511999999999   True    -                 -\n");

        Run other = zap("status", "--kubeconfig", kubeconfig.toString(), "--context", "other");
        assertThat(other.exitCode).as(other.output).isZero();
        assertThat(other.output).startsWith("NAME    PHASE").contains("caixa   WaitingForQR   -").doesNotContain("loja-01");

        try (StandInSessionApi gateway = new StandInSessionApi(GatewayApi.session("shop", "loja-01"), "gw-key")) {
            // from a shell with no UTF-8 locale (LANG unset, as in a bare container): the text still arrives whole
            Run send = zapInTheCLocale("--kubeconfig", kubeconfig.toString(), "send", "loja-01", "--gateway", gateway.url().toString(),
                    "--gateway-key", "gw-key", "--to", "5511988887777", "--text", "Olá!");
            assertThat(send.exitCode).as(send.output).isZero();
            assertThat(send.output).isEqualTo("Message msg_0001 to 5511988887777: queued\n");
            assertThat(gateway.bodies).singleElement().asString().contains("Olá!");
        }

        Run missing = zap("--kubeconfig", kubeconfig.toString(), "pair", "nope", "--phone", "5511988887777");
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.output).isEqualTo("error: session nope not found in namespace shop\n");
    }

    @Test
    void kubectlFindsThePluginOnThePathAndHandsItItsArguments() throws Exception {
        Optional<Path> kubectl = onPath("kubectl");
        assumeTrue(kubectl.isPresent(), "kubectl is not on PATH");
        new ClusterFixture(client).resource("shop", "loja-01", SessionPhase.WaitingForQR, null);
        Path plugins = Files.createDirectories(dir.resolve("bin"));
        Files.copy(Path.of(System.getProperty("kubezap.kubectlZap")), plugins.resolve("kubectl-zap"));
        plugins.resolve("kubectl-zap").toFile().setExecutable(true);

        Run run = run(Map.of("PATH", plugins + ":" + System.getenv("PATH"), "HOME", dir.toString()),
                kubectl.get().toString(), "zap", "status", "-n", "shop", "--kubeconfig", kubeconfig().toString());

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("loja-01   WaitingForQR");
    }

    private record Run(int exitCode, String output) {
    }

    private Run zap(String... args) throws IOException, InterruptedException {
        return zapWith(Map.of(), args);
    }

    private Run zapInTheCLocale(String... args) throws IOException, InterruptedException {
        return zapWith(Map.of("LC_ALL", "C", "LANG", "C"), args);
    }

    private Run zapWith(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("kubezap.kubectlZap")));
        command.addAll(List.of(args));
        return run(environment, command.toArray(String[]::new));
    }

    private static Run run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }

    /** Two contexts on the mock server: "shop" (current) and "other", each with its namespace. */
    private Path kubeconfig() throws IOException {
        String url = client.getMasterUrl().toString();
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                - name: me
                  user: {token: not-checked}
                contexts:
                - name: shop
                  context: {cluster: mock, user: me, namespace: shop}
                - name: other
                  context: {cluster: mock, user: me, namespace: other}
                current-context: shop
                """.formatted(url));
        return file;
    }
}
