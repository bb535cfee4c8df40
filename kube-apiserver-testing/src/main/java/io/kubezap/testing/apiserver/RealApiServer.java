package io.kubezap.testing.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real kube-apiserver on loopback with its own etcd, both from {@link KubeBinaries}: a fresh etcd data directory,
 * free ports, a service-account signing key and an admin bearer token (group system:masters, through
 * --token-auth-file), all in a temporary directory removed on {@link #close()}. Its serving certificate is the one the
 * server makes itself (--cert-dir); clients skip its verification, as the server is theirs alone on loopback.
 * RBAC is the authorizer. No controllers run unless {@link #startControllerManager()}; no node or kubelet ever does.
 */
public final class RealApiServer implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final Path dir;
    private final String adminToken = UUID.randomUUID().toString();
    private final List<Process> processes = new ArrayList<>();
    private final int securePort;
    private final ApiServerSettings settings;
    private KubernetesClient admin;
    private Etcd etcdGateway;

    private RealApiServer(Path dir, int securePort, ApiServerSettings settings) {
        this.dir = dir;
        this.securePort = securePort;
        this.settings = settings;
    }

    /** Starts etcd and kube-apiserver and waits until the server is ready; skips the test without the binaries. */
    public static RealApiServer start() {
        return start(ApiServerSettings.DEFAULTS);
    }

    /** {@link #start()}, the server run with these settings (audit log, further flags). */
    public static RealApiServer start(ApiServerSettings settings) {
        Path apiServer = KubeBinaries.KUBE_APISERVER.require();
        Path etcd = KubeBinaries.ETCD.require();
        try {
            RealApiServer server = new RealApiServer(Files.createTempDirectory("kubezap-apiserver-"), freePort(), settings);
            try {
                server.launch(apiServer, etcd);
                return server;
            } catch (RuntimeException | IOException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(Path apiServer, Path etcd) throws IOException {
        int etcdClient = freePort();
        int etcdPeer = freePort();
        spawn("etcd", List.of(etcd.toString(), "--name", "kubezap-test", "--data-dir", dir.resolve("etcd").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + etcdClient,
                "--advertise-client-urls", "http://127.0.0.1:" + etcdClient,
                "--listen-peer-urls", "http://127.0.0.1:" + etcdPeer,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + etcdPeer,
                "--initial-cluster", "kubezap-test=http://127.0.0.1:" + etcdPeer));
        etcdGateway = new Etcd(java.net.URI.create("http://127.0.0.1:" + etcdClient));
        ServiceAccountKey.write(dir.resolve("sa.key"), dir.resolve("sa.pub"));
        Files.writeString(dir.resolve("tokens.csv"), adminToken + ",kubezap-admin,kubezap-admin,system:masters\n");
        List<String> command = new ArrayList<>(List.of(apiServer.toString(),
                "--etcd-servers", "http://127.0.0.1:" + etcdClient,
                "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1",
                "--secure-port", String.valueOf(securePort),
                "--cert-dir", dir.resolve("certs").toString(),
                "--token-auth-file", dir.resolve("tokens.csv").toString(),
                "--authorization-mode", "RBAC",
                "--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file", dir.resolve("sa.pub").toString(),
                "--service-account-signing-key-file", dir.resolve("sa.key").toString(),
                "--api-audiences", "https://kubernetes.default.svc.cluster.local",
                "--service-cluster-ip-range", "10.96.0.0/16",
                "--allow-privileged"));
        if (settings.auditLog()) {
            command.addAll(AuditLog.flags(dir));
        }
        command.addAll(settings.flags());
        spawn("kube-apiserver", command);
        awaitReady();
    }

    /** The server's address, e.g. https://127.0.0.1:41234. */
    public String url() {
        return "https://127.0.0.1:" + securePort;
    }

    /** The user the admin token authenticates as (in the audit log's {@code user.username}). */
    public String adminUser() {
        return "kubezap-admin";
    }

    /** The server's audit log; only with {@link ApiServerSettings#withAuditLog()}. */
    public AuditLog auditLog() {
        if (!settings.auditLog()) {
            throw new IllegalStateException("this server was started without an audit log (ApiServerSettings.withAuditLog)");
        }
        return new AuditLog(dir.resolve("audit.log"));
    }

    /** The server's etcd. */
    public Etcd etcd() {
        return etcdGateway;
    }

    /** A client with the admin token (system:masters). */
    public synchronized KubernetesClient admin() {
        if (admin == null) {
            admin = new KubernetesClientBuilder().withConfig(config(adminToken)).build();
        }
        return admin;
    }

    /** A client configuration that authenticates with the given bearer token. */
    public Config config(String bearerToken) {
        return new ConfigBuilder().withMasterUrl(url()).withOauthToken(bearerToken).withTrustCerts(true)
                .withNamespace("default").withRequestTimeout(30_000).build();
    }

    /** A kubeconfig file for the admin (for Helm and kubectl). */
    public Path adminKubeconfig() {
        return Kubeconfig.write(dir.resolve("admin.kubeconfig"), url(), "insecure-skip-tls-verify: true", "admin",
                adminToken, "default");
    }

    /**
     * Starts kube-controller-manager against this server (StatefulSets, Jobs, garbage collection...); skips the test
     * without its binary. It has no readiness endpoint here: wait for an effect, e.g. a namespace's "default"
     * ServiceAccount.
     */
    public void startControllerManager() {
        Path binary = KubeBinaries.KUBE_CONTROLLER_MANAGER.require();
        try {
            spawn("kube-controller-manager", List.of(binary.toString(),
                    "--kubeconfig", adminKubeconfig().toString(),
                    // no HTTPS endpoint of its own (nothing reads it; no port to clash), and its FlexVolume
                    // directory in the scratch directory instead of /usr/libexec on the host, which it would create
                    "--bind-address", "127.0.0.1", "--secure-port", "0",
                    "--flex-volume-plugin-dir", dir.resolve("flexvolume").toString(),
                    "--service-account-private-key-file", dir.resolve("sa.key").toString(),
                    "--use-service-account-credentials=false",
                    "--leader-elect=false", "--controllers", "*"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.info().command().orElse("a control-plane process")
                            + " exited with " + process.exitValue() + ": " + logTail());
                }
            }
            try {
                last = admin().raw("/readyz");
                if ("ok".equals(last.trim())) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            sleep();
        }
        throw new IllegalStateException("kube-apiserver not ready within " + READY_WITHIN + ": " + last + "; " + logTail());
    }

    private void spawn(String name, List<String> command) throws IOException {
        processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start());
    }

    /** The end of each process's log, for a failure message. */
    public String logTail() {
        StringBuilder tail = new StringBuilder();
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(log);
                tail.append("\n--- ").append(log.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
        } catch (IOException e) {
            tail.append(e);
        }
        return tail.toString();
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        for (Process process : processes.reversed()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
