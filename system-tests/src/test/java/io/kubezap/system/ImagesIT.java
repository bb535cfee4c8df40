package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.simulator.SimulatorSettings;
import io.kubezap.simulator.WaSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four container images, built by {@code images/build.sh} from this reactor's packaged modules and the Baileys
 * bridge's installed packages (on stand-in bases from Debian's packages: no registry is reachable here) and run as a
 * cluster runs them: read-only root file system,
 * user 1000, no capabilities, {@code /tmp} and the session's data on volumes, configured by the environment the chart
 * and the operator give them. Host networking stands in for the cluster network: the containers reach the mock API,
 * PostgreSQL and the simulator on loopback.
 * <ul>
 *     <li>the gateway, on a database where the migration Job has not run yet (no role {@code kubezap_gateway}): ready;
 *     <li>the session-pod image's {@code migrate}, as the chart's hook Job runs it;
 *     <li>the operator against the mock API: live and ready;
 *     <li>a session pod on an external PostgreSQL, linked to the simulator by its QR code, a text each way;
 *     <li>the same on the Baileys engine, from the session-pod-baileys image (Node.js and the bridge as a child process).
 * </ul>
 * Skipped, saying why, where no container engine runs (no podman or docker, or one that cannot start containers).
 * Image sizes and the time each image took to become ready are printed as BENCH lines ({@code scripts/bench images})
 * and kept in {@code target/system/images-*}/timings.txt.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImagesIT {

    private static final String REGISTRY = "localhost/kubezap-it";
    /** Image tags, container and volume names of this run: other builds on the machine may run the same test. */
    private static final String RUN = "it-" + ProcessHandle.current().pid();
    /** One session per engine: its image, its own data volume, its own two phones. */
    private record EngineSession(String engine, String image, String name, String volume, String owner, String customer) {
    }

    private static final EngineSession COBALT = new EngineSession("Cobalt", "session-pod", "loja-img",
            "kubezap-" + RUN + "-data", "5511955550001", "5511955550002");
    private static final EngineSession BAILEYS = new EngineSession("Baileys", "session-pod-baileys", "loja-img-baileys",
            "kubezap-" + RUN + "-baileys-data", "5511955550011", "5511955550012");
    private static final String API_KEY = "images-it-api-key-0123456789";
    private static final String PLATFORM = "linux/" + ("aarch64".equals(System.getProperty("os.arch")) ? "arm64" : "amd64");
    /** What every kubezap container gets from the chart and the operator (restrictedContainerSecurityContext). */
    private static final List<String> AS_IN_THE_CLUSTER = List.of("--network", "host", "--read-only", "--user", "1000:1000",
            "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--tmpfs", "/tmp:rw,mode=1777");

    private final Path root = Path.of(System.getProperty("kubezap.repositoryRoot", "..")).toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final List<String> timings = new ArrayList<>();
    private Path workDir;
    private ContainerEngine engine;
    private Map<String, String> images;
    private List<String> danglingBefore = List.of();
    private EmbeddedPostgres postgres;
    private MockCluster cluster;
    private WaSimulator simulator;
    private SimulatorControl phones;

    @BeforeAll
    void buildTheImages() throws Exception {
        StringBuilder why = new StringBuilder();
        var found = ContainerEngine.find(root, why);
        if (found.isEmpty()) {
            skip("no container engine runs here (podman or docker; .ci/run installs podman where apt-get can): " + why);
        }
        engine = found.orElseThrow();
        String baseCheck = ContainerEngine.shell("[ \"$(id -u)\" = 0 ] && command -v debootstrap && command -v node && command -v jq").output();
        if (baseCheck.isBlank()) {
            skip("the stand-in base images (images/local-base.sh) need root, debootstrap and Node.js, images/build.sh's"
                    + " provenance jq (.ci/run installs them)");
        }
        workDir = Files.createDirectories(Path.of("target", "system", "images-" + System.currentTimeMillis()).toAbsolutePath());
        danglingBefore = dangling();
        long start = System.nanoTime();
        // the README's command, and what this machine needs besides: --local-base (no registry to pull the public
        // bases from), no --push (none to push to); --platform: with podman each reference is a manifest list (of this
        // machine's platform alone: the stand-in bases hold this machine's JDK and Node.js), and every test below runs
        // the images through it
        List<String> command = new ArrayList<>(documentedBuildCommand(root.resolve("README.md")));
        command.addAll(List.of("--local-base", "--platform", PLATFORM, "--output", workDir.resolve("out").toString(),
                "--registry", REGISTRY, "--tag", RUN));
        List<String> built = engine.build(1200, workDir.resolve("build.log"), command.toArray(String[]::new));
        timing("images/build.sh --prebuilt --local-base, 4 images", start);
        images = Map.of("operator", REGISTRY + "/operator:" + RUN, "gateway", REGISTRY + "/gateway:" + RUN,
                "session-pod", REGISTRY + "/session-pod:" + RUN, "session-pod-baileys", REGISTRY + "/session-pod-baileys:" + RUN);
        assertThat(built).containsExactlyInAnyOrderElementsOf(images.values());
        images.forEach((name, ref) -> {
            String bytes = engine.run(30, "image", "inspect", "--format", "{{.Size}}", ref).output().strip();
            record(name + " image size", String.format("%.0f MB", Long.parseLong(bytes) / 1e6));
        });

        postgres = keep(EmbeddedPostgres.builder().start());
        cluster = keep(MockCluster.start(workDir, root.resolve("helm/kubezap/files/crds/whatsappsessions.kubezap.io-v1.yml")));
        ClusterDatabase.secret(cluster.client(), postgres);
        simulator = keep(WaSimulator.start(SimulatorSettings.ephemeral(workDir.resolve("truststore.p12"))));
        phones = new SimulatorControl(simulator);
    }

    /**
     * The options of the README's command that builds the images after the reactor build ({@code images/build.sh
     * --prebuilt …}, the one CI and the release workflow run), less the registry and {@code --push}.
     */
    static List<String> documentedBuildCommand(Path readme) throws IOException {
        List<String> documented = Files.readAllLines(readme).stream().map(String::strip)
                .filter(line -> line.startsWith("images/build.sh --prebuilt"))
                .map(line -> line.replaceFirst("\\s+#.*", "")).toList();
        assertThat(documented).as("README.md's command for the images after the reactor build").isNotEmpty();
        List<String> options = new ArrayList<>(List.of(documented.getFirst().split("\\s+")));
        options.removeFirst();
        int registry = options.indexOf("--registry");
        if (registry >= 0) {
            options.subList(registry, registry + 2).clear();
        }
        options.remove("--push");
        return options;
    }

    /** An image images/build.sh made for another tag than this run's carries that tag as its version label. */
    private boolean notAnotherBuildsImage(String id) {
        String version = engine.run(30, "image", "inspect", "--format",
                "{{ index .Config.Labels \"org.opencontainers.image.version\" }}", id).output().strip();
        return version.isEmpty() || "<no value>".equals(version) || RUN.equals(version);
    }

    private List<String> dangling() {
        return engine.run(60, "images", "-q", "-f", "dangling=true").output().lines().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
    }

    private static void skip(String why) {
        System.err.println("ImagesIT skipped: " + why);
        Assumptions.abort(why);
    }

    @AfterAll
    void stopEverything() throws IOException {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception ignored) {
                // stop the rest anyway
            }
        }
        if (workDir != null) {
            engine.run(60, "volume", "rm", "-f", COBALT.volume(), BAILEYS.volume());
            if (images != null) {
                // manifest lists (--platform): podman 4.3's rmi refuses a list ("tag not known"), and a list left behind
                // once its image is removed below breaks every later `image inspect` of the store
                for (String ref : images.values()) {
                    if (!engine.run(120, "manifest", "rm", ref).ok()) {
                        engine.run(120, "rmi", ref);
                    }
                }
                // the build's intermediate stages (podman keeps them untagged) and its images, untagged by the lists'
                // removal: only those this run left. Not an image another build on the machine made meanwhile, which a
                // manifest list holds untagged too (two arm64 images built beside a run were removed before this check)
                List<String> left = dangling().stream().filter(id -> !danglingBefore.contains(id))
                        .filter(this::notAnotherBuildsImage).toList();
                if (!left.isEmpty()) {
                    List<String> intermediate = new ArrayList<>(List.of("rmi"));
                    intermediate.addAll(left);
                    engine.run(120, intermediate.toArray(String[]::new));
                }
            }
            Files.write(workDir.resolve("timings.txt"), timings);
        }
    }

    @Test
    @Order(1)
    void theGatewayIsReadyBeforeTheMigrationJobCreatedItsRole() {
        int port = freePort();
        int management = freePort();
        List<String> own = new ArrayList<>(List.of(
                "-e", "KUBEZAP_NAMESPACE=" + MockCluster.OPERATOR_NAMESPACE,
                "-e", "KUBEZAP_GATEWAY_STREAM_TOKEN_KEY=images-it-stream-token-key"));
        own.addAll(adminDatabase());
        var gateway = keep(engine.start("kubezap-" + RUN + "-gateway", service(port, management, own), images.get("gateway")));
        awaitReady("gateway", gateway, management);
        assertThat(status(management, "/q/health/live")).isEqualTo(200);
    }

    @Test
    @Order(2)
    void theSessionImagesMigrateCommandRunsAsTheChartsHookJob() {
        List<String> job = new ArrayList<>(List.of("run", "--rm"));
        // the Job's emptyDir: an anonymous volume, removed with the container; ports of its own, as every container
        // here (host networking: the default management port 9000 was taken by another process on the machine)
        List<String> own = new ArrayList<>(List.of("-v", "/var/lib/kubezap",
                "-e", "QUARKUS_HTTP_PORT=" + freePort(), "-e", "QUARKUS_MANAGEMENT_PORT=" + freePort()));
        own.addAll(adminDatabase());
        job.addAll(options(own));
        job.addAll(List.of(images.get("session-pod"), "migrate"));
        var migrate = engine.run(300, job.toArray(String[]::new));
        assertThat(migrate.ok()).as("migrate exited %d: %s", migrate.exitCode(), migrate.output()).isTrue();
    }

    @Test
    @Order(3)
    void theOperatorIsLiveAndReadyAgainstTheApiServer() {
        int port = freePort();
        int management = freePort();
        var operator = keep(engine.start("kubezap-" + RUN + "-operator", service(port, management, List.of(
                        "-e", "KUBEZAP_SESSION_IMAGE=" + images.get("session-pod"),
                        "-e", "KUBEZAP_DATABASE_SECRET=" + ClusterDatabase.SECRET,
                        "-e", "KUBEZAP_DATABASE_SECRET_NAMESPACE=" + MockCluster.OPERATOR_NAMESPACE,
                        // its start-up permission check (a SelfSubjectRulesReview) is beyond the mock API
                        "-e", "QUARKUS_OPERATOR_SDK_LEADER_ELECTION_ENABLED=false")),
                images.get("operator")));
        awaitReady("operator", operator, management);
        assertThat(status(management, "/q/health/live")).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aSessionPodOnItsVolumeLinksByQrAndTextsBothWays() {
        linkByQrAndTextBothWays(COBALT);
    }

    @Test
    @Order(5)
    void aBaileysSessionPodFromItsOwnImageLinksByQrAndTextsBothWays() {
        linkByQrAndTextBothWays(BAILEYS);
    }

    /**
     * Issue 53 item 5: each image carries its SBOM and the build's labels, and build.sh wrote the SBOM and an in-toto
     * provenance statement next to it, naming the commit, the image's id and its base images' ids.
     */
    /**
     * Issue 50 part 5: the session-pod image's AOT cache holds the classes a linked session loads, not only start-up's:
     * the training run loaded (nearly) all of session-pod's list. It hung in this build before the Dockerfile emptied
     * the PostgreSQL binaries of other platforms instead of removing them (Quarkus' runner then waits forever on a
     * missing jar it had indexed); the training then ran without the list.
     */
    @Test
    @Order(5)
    void theSessionPodImagesCacheHoldsALinkedSessionsClasses() throws IOException {
        long listed = Files.readAllLines(root.resolve("session-pod/src/main/resources/aot/linked-session-classes.txt"))
                .stream().filter(line -> !line.isBlank()).count();
        Matcher loaded = Pattern.compile("aot-train: loaded (\\d+) classes of /aot/linked-session-classes.txt")
                .matcher(Files.readString(workDir.resolve("build.log")));

        assertThat(loaded.find()).as("the training run's count in " + workDir.resolve("build.log")).isTrue();
        record("AOT training: classes of a linked session loaded", loaded.group(1) + " of " + listed);
        assertThat(Long.parseLong(loaded.group(1))).as("of %d listed", listed).isGreaterThan(listed * 9 / 10);
    }

    @Test
    @Order(6)
    void eachImageCarriesItsSbomAndTheBuildsProvenance() throws IOException {
        String head = ContainerEngine.shell("git -C '" + root + "' rev-parse HEAD").output().strip();
        Map<String, List<String>> components = Map.of(
                "operator", List.of("pkg:maven/io.kubezap/kubezap-operator@", "pkg:maven/io.javaoperatorsdk/operator-framework-core@"),
                "gateway", List.of("pkg:maven/io.kubezap/kubezap-gateway@", "pkg:maven/io.quarkus/quarkus-rest@"),
                "session-pod", List.of("pkg:maven/com.github.auties00/cobalt@", "pkg:maven/io.quarkus/quarkus-core@"),
                "session-pod-baileys", List.of("pkg:npm/baileys@", "pkg:maven/com.github.auties00/cobalt@"));
        for (var image : components.entrySet()) {
            String ref = images.get(image.getKey());
            String labels = engine.run(30, "image", "inspect", "--format", "{{json .Config.Labels}}", ref).output();
            JsonNode label = TheSystem.JSON.readTree(labels);
            assertThat(label.path("org.opencontainers.image.revision").asText()).as(ref).matches(head + "(-dirty)?");
            assertThat(label.path("org.opencontainers.image.version").asText()).isEqualTo(RUN);
            assertThat(label.path("org.opencontainers.image.source").asText()).startsWith("https://");
            assertThat(label.path("org.opencontainers.image.created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(label.path("io.kubezap.image.sbom").asText()).isEqualTo("/usr/share/kubezap/sbom");
            JsonNode list = TheSystem.JSON.readTree(engine.run(30, "manifest", "inspect", ref).output());
            assertThat(list.path("manifests").findValuesAsText("architecture")).as(ref + " is a manifest list")
                    .containsExactly(PLATFORM.substring(PLATFORM.indexOf('/') + 1));

            Path out = workDir.resolve("out").resolve(image.getKey()).resolve(RUN).resolve(PLATFORM.replace('/', '-'));
            StringBuilder purls = new StringBuilder();
            try (var sboms = Files.list(out.resolve("sbom"))) {
                for (Path sbom : sboms.filter(file -> file.toString().endsWith(".cdx.json")).toList()) {
                    JsonNode document = TheSystem.JSON.readTree(sbom.toFile());
                    purls.append(document.path("metadata").path("component").path("purl").asText()).append('\n');
                    document.path("components").forEach(c -> purls.append(c.path("purl").asText()).append('\n'));
                }
            }
            assertThat(purls.toString()).as(image.getKey() + "'s SBOM").contains(image.getValue());
            assertThat(Files.readString(out.resolve("sbom/dpkg-status"))).as("the base's Debian packages").contains("Package: libc6");

            JsonNode statement = TheSystem.JSON.readTree(out.resolve("provenance.json").toFile());
            String id = engine.run(30, "image", "inspect", "--format", "{{.Id}}", ref).output().strip();
            assertThat(statement.path("subject").get(0).path("name").asText()).isEqualTo(ref);
            assertThat(statement.path("subject").get(0).path("digest").path("sha256").asText()).isEqualTo(id.replace("sha256:", ""));
            JsonNode build = statement.path("predicate").path("buildDefinition");
            assertThat(build.path("externalParameters").path("source").path("revision").asText()).isEqualTo(head);
            assertThat(build.path("externalParameters").path("command").asText()).startsWith("images/build.sh --prebuilt");
            JsonNode base = null;
            for (JsonNode dependency : build.path("resolvedDependencies")) {
                if (dependency.path("name").asText().matches("RUNTIME_BASE|SESSION_POD_IMAGE")) {
                    base = dependency;
                }
            }
            assertThat(base).as("the base image in " + out.resolve("provenance.json")).isNotNull();
            String baseRef = base.path("uri").asText().replaceFirst("^oci:", "");
            String baseId = engine.run(30, "image", "inspect", "--format", "{{.Id}}", baseRef).output().strip();
            assertThat(base.path("digest").path("sha256").asText()).isEqualTo(baseId.replace("sha256:", ""));
        }
    }

    /** A session pod of this engine's image on its own volume: linked by QR, a text each way; stopped afterwards. */
    private void linkByQrAndTextBothWays(EngineSession under) {
        phones.control("POST", "/api/phones", Map.of("number", under.owner(), "pushName", "Loja Imagem"));
        phones.control("POST", "/api/phones", Map.of("number", under.customer(), "pushName", "Cliente"));
        int port = freePort();
        int management = freePort();
        List<String> pod = new ArrayList<>(List.of(
                // a fresh named volume takes the image's /var/lib/kubezap ownership (1000:1000), as fsGroup would
                "-v", under.volume() + ":/var/lib/kubezap",
                "-v", simulator.trustStore() + ":" + simulator.trustStore() + ":ro",
                "-e", "QUARKUS_HTTP_PORT=" + port,
                "-e", "QUARKUS_MANAGEMENT_PORT=" + management,
                "-e", "KUBEZAP_SESSION=" + under.name(),
                "-e", "KUBEZAP_NAMESPACE=" + TheSystem.NAMESPACE,
                "-e", "KUBEZAP_API_KEY=" + API_KEY,
                "-e", "KUBEZAP_ENGINE=" + under.engine(),
                // the simulator's routing: the image's slot for extra JVM options (run.sh); the Baileys bridge gets it
                // from the pod (HTTPS_PROXY, NODE_EXTRA_CA_CERTS)
                "-e", "JAVA_OPTS=" + simulator.clientJavaOptions(),
                // Baileys 7 pins WhatsApp's Noise root: the simulator's in its place (the bridge's README, "Against wa-simulator")
                "-e", "KUBEZAP_BAILEYS_NOISE_ROOT_KEY=" + java.util.Base64.getEncoder().encodeToString(simulator.chatServer().noiseRootPublicKey())));
        pod.addAll(adminDatabase());
        engine.run(60, "volume", "rm", "-f", under.volume());
        long start = System.nanoTime();
        try (var session = engine.start("kubezap-" + RUN + "-" + under.name(), options(pod), images.get(under.image()))) {
            awaitReady(under.image(), session, management);

            String qr = awaitState(session, under, port, "a QR code",
                    state -> state.path("qr").path("code").asText().startsWith("https://wa.me/settings/linked_devices#2@")).path("qr").path("code").asText();
            phones.control("POST", "/api/phones/" + under.owner() + "/scan", Map.of("qr", qr));
            awaitState(session, under, port, "Connected", state -> "Connected".equals(state.path("phase").asText()));

            sessionApi(under, port, "POST", "/messages", Map.of("to", under.customer(), "text", "Olá da imagem!"));
            TheSystem.await("the customer's phone to receive the text", () -> phones.inboxHas(under.customer(), "Olá da imagem!"));

            phones.control("POST", "/api/phones/" + under.customer() + "/messages",
                    Map.of("to", under.owner(), "text", "Recebido, obrigado"));
            TheSystem.await("the customer's text in the session's messages", () -> {
                for (JsonNode message : sessionApi(under, port, "GET", "/messages?direction=in", null).path("items")) {
                    if ("Recebido, obrigado".equals(message.path("text").asText())) {
                        return true;
                    }
                }
                return false;
            });
            timing(under.image() + ": run -d to linked and a text each way", start);
        }
    }

    /**
     * The options of a Quarkus service of the chart (operator, gateway): the API server's kubeconfig, its API port and
     * its management port (health, metrics).
     */
    private List<String> service(int port, int management, List<String> own) {
        List<String> all = new ArrayList<>(List.of("-v", cluster.kubeconfig() + ":/kubeconfig:ro",
                "-e", "KUBECONFIG=/kubeconfig", "-e", "QUARKUS_HTTP_PORT=" + port,
                "-e", "QUARKUS_MANAGEMENT_PORT=" + management));
        all.addAll(own);
        return options(all);
    }

    /** The database's admin credential, as the chart's Secret gives it. */
    private List<String> adminDatabase() {
        return List.of("-e", "QUARKUS_DATASOURCE_JDBC_URL=" + postgres.getJdbcUrl("postgres", "postgres"),
                "-e", "QUARKUS_DATASOURCE_USERNAME=postgres",
                "-e", "QUARKUS_DATASOURCE_PASSWORD=postgres");
    }

    private List<String> options(List<String> own) {
        List<String> all = new ArrayList<>(AS_IN_THE_CLUSTER);
        all.addAll(own);
        return all;
    }

    private void awaitReady(String what, ContainerEngine.Container container, int managementPort) {
        long start = System.nanoTime();
        TheSystem.await(what + " ready (/q/health/ready 200)", () -> {
            if (!container.running()) {
                throw new AssertionError("the " + what + " container exited:\n" + container.logs());
            }
            return status(managementPort, "/q/health/ready") == 200;
        });
        timing(what + " ready (run -d to /q/health/ready 200)", start);
        Matcher started = Pattern.compile("started in ([0-9.]+)s").matcher(container.logs());
        if (started.find()) {
            record(what + " Quarkus 'started in'", started.group(1) + " s");
        }
    }

    private JsonNode awaitState(ContainerEngine.Container session, EngineSession under, int port, String what,
                                java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        TheSystem.await("the " + under.engine() + " session pod to show " + what, () -> {
            if (!session.running()) {
                throw new AssertionError("the " + under.image() + " container exited:\n" + session.logs());
            }
            last[0] = sessionApi(under, port, "GET", "", null);
            return condition.test(last[0]);
        });
        return last[0];
    }

    private JsonNode sessionApi(EngineSession under, int port, String method, String path, Object body) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sessions/" + under.name() + path))
                .header("X-Api-Key", API_KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : TheSystem.json(body));
        return TheSystem.send(http, request.build(), method + " " + path + " on the session pod");
    }

    private int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void timing(String what, long startNanos) {
        record(what, String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9));
    }

    /** A figure for docs/benchmarks.md: printed as a BENCH line (scripts/bench images collects them) and kept. */
    private void record(String what, String value) {
        String line = "BENCH|images|" + what + "|" + value + "|";
        System.out.println(line);
        timings.add(line);
    }

    private <T extends AutoCloseable> T keep(T part) {
        parts.addFirst(part);
        return part;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
