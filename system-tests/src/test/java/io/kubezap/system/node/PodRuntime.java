package io.kubezap.system.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One pod on the node: its init containers run to completion, then its container as a local process, restarted
 * when it exits as its {@code restartPolicy} says (Always, the default; OnFailure only after a non-zero exit; one
 * second apart instead of the kubelet's growing back-off), with its startup, liveness and readiness HTTP probes run at
 * their periods. A container that is not restarted ends the pod: phase Succeeded after exit 0, Failed otherwise, which
 * is what a Job's controller counts. Pods with several containers are refused.
 */
final class PodRuntime {

    private static final HttpClient PROBE_CLIENT = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final KubernetesClient client;
    private final Pod pod;
    private final String revision;
    private final Path dir;
    private final Path claimsRoot;
    private final List<ImageRunner> runners;
    private final Map<Integer, Integer> ports = new LinkedHashMap<>();

    private Process process;
    private Instant startedAt;
    private Instant nextStart = Instant.EPOCH;
    private boolean initDone;
    private int restarts;
    private Integer lastExitCode;
    /** Set once the container exited for good (its restart policy does not restart it): the pod's phase is final. */
    private Integer finalExitCode;
    private Instant finishedAt;
    private String waitingReason = "ContainerCreating";
    private String waitingMessage;
    private boolean started;
    private boolean ready;
    private final ProbeState startup = new ProbeState();
    private final ProbeState liveness = new ProbeState();
    private final ProbeState readiness = new ProbeState();

    PodRuntime(KubernetesClient client, Pod pod, String revision, Path dir, Path claimsRoot, List<ImageRunner> runners) {
        this.client = client;
        this.pod = pod;
        this.revision = revision;
        this.dir = dir;
        this.claimsRoot = claimsRoot;
        this.runners = runners;
        for (ContainerPort port : container().getPorts()) {
            ports.put(port.getContainerPort(), freePort());
        }
    }

    Pod pod() {
        return pod;
    }

    String revision() {
        return revision;
    }

    boolean ready() {
        return ready;
    }

    /** The local port a container port (by number or name) is published on. */
    Optional<Integer> localPort(IntOrString port) {
        if (port.getIntVal() != null) {
            return Optional.ofNullable(ports.get(port.getIntVal()));
        }
        return container().getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .map(p -> ports.get(p.getContainerPort()));
    }

    /** The running process, for a test that wants to kill it as the kernel's OOM killer or a crash would. */
    Optional<ProcessHandle> process() {
        return process != null && process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    int restarts() {
        return restarts;
    }

    /** One step: (re)start what is not running, probe what is. */
    void tick() {
        if (finalExitCode != null) {
            return;
        }
        if (process != null && !process.isAlive() && !restartedAfter(process.exitValue())) {
            finalExitCode = process.exitValue();
            finishedAt = Instant.now();
            process = null;
            ready = false;
            return;
        }
        if (process != null && !process.isAlive()) {
            lastExitCode = process.exitValue();
            restarts++;
            process = null;
            started = false;
            ready = false;
            waitingReason = "CrashLoopBackOff";
            waitingMessage = "exited with code " + lastExitCode;
            nextStart = Instant.now().plusSeconds(1);
        }
        if (process == null) {
            if (Instant.now().isAfter(nextStart)) {
                try {
                    start();
                } catch (PodStartException cannot) {
                    waitingReason = cannot.reason();
                    waitingMessage = cannot.getMessage();
                    nextStart = Instant.now().plusSeconds(1);
                }
            }
            return;
        }
        probe();
    }

    private boolean restartedAfter(int exitCode) {
        return switch (pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy()) {
            case "Never" -> false;
            case "OnFailure" -> exitCode != 0;
            default -> true;
        };
    }

    /** SIGTERM, then SIGKILL after the pod's termination grace period, as a kubelet stops a pod. */
    void stop() {
        if (process == null) {
            return;
        }
        long grace = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30
                : pod.getSpec().getTerminationGracePeriodSeconds();
        process.destroy();
        try {
            if (!process.waitFor(grace, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        ready = false;
    }

    PodStatus status() {
        boolean running = process != null && process.isAlive();
        var container = new ContainerStatusBuilder()
                .withName(container().getName())
                .withImage(container().getImage())
                .withReady(ready)
                .withStarted(started)
                .withRestartCount(restarts);
        if (finalExitCode != null) {
            container.withNewState().withNewTerminated().withExitCode(finalExitCode)
                    .withReason(finalExitCode == 0 ? "Completed" : "Error").withStartedAt(startedAt.toString())
                    .withFinishedAt(finishedAt.toString()).endTerminated().endState();
        } else if (running) {
            container.withNewState().withNewRunning().withStartedAt(startedAt.toString()).endRunning().endState();
        } else {
            container.withNewState().withNewWaiting().withReason(waitingReason).withMessage(waitingMessage)
                    .endWaiting().endState();
        }
        if (lastExitCode != null) {
            container.withNewLastState().withNewTerminated().withExitCode(lastExitCode)
                    .withReason(lastExitCode == 137 ? "OOMKilled or killed" : "Error").endTerminated().endLastState();
        }
        ContainerStatus containerStatus = container.build();
        String readyStatus = ready ? "True" : "False";
        return new PodStatusBuilder()
                .withPhase(phase(running))
                .withHostIP(PodFields.LOOPBACK)
                .withPodIP(PodFields.LOOPBACK)
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewCondition().withType("Initialized").withStatus(initDone ? "True" : "False").endCondition()
                .addNewCondition().withType("ContainersReady").withStatus(readyStatus).endCondition()
                .addNewCondition().withType("Ready").withStatus(readyStatus).endCondition()
                .withContainerStatuses(containerStatus)
                .build();
    }

    private String phase(boolean running) {
        if (finalExitCode != null) {
            return finalExitCode == 0 ? "Succeeded" : "Failed";
        }
        return running ? "Running" : "Pending";
    }

    private Container container() {
        List<Container> containers = pod.getSpec().getContainers();
        if (containers.size() != 1) {
            throw new IllegalStateException("the node stand-in runs pods of one container, " + pod.getMetadata().getName()
                    + " has " + containers.size());
        }
        return containers.getFirst();
    }

    private void start() {
        if (!initDone) {
            for (Container init : pod.getSpec().getInitContainers()) {
                runToCompletion(init);
            }
            initDone = true;
        }
        process = launch(container(), "");
        startedAt = Instant.now();
        waitingReason = null;
        waitingMessage = null;
        startup.reset(container().getStartupProbe(), startedAt);
        liveness.reset(container().getLivenessProbe(), startedAt);
        readiness.reset(container().getReadinessProbe(), startedAt);
        started = container().getStartupProbe() == null;
    }

    private void runToCompletion(Container init) {
        Process running = launch(init, "-" + init.getName());
        try {
            int exit = running.waitFor();
            if (exit != 0) {
                throw new PodStartException("Init:Error", "init container " + init.getName() + " exited with " + exit);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PodStartException("Init:Error", "interrupted");
        }
    }

    /**
     * An image's {@code ENV} value as the container sees it: a path under a mount is the mount's host directory, except a
     * directory of this host that is there already (this checkout's files standing in for the image's own, such as the
     * Baileys bridge, which may well lie under {@code /tmp} like a checkout in CI).
     */
    private static String imagePath(String value, Map<String, Path> mounts) {
        return value.startsWith("/") && Files.isDirectory(Path.of(value)) ? value : PodVolumes.mapPath(value, mounts);
    }

    private Process launch(Container container, String logSuffix) {
        ImageRunner runner = runners.stream().filter(r -> r.runs(container.getImage())).findFirst()
                .orElseThrow(() -> new PodStartException("ErrImagePull",
                        "the node stand-in has no runner for image " + container.getImage()));
        Map<String, Path> mounts = new PodVolumes(client, pod, dir, claimsRoot).mount(container);
        Map<String, String> environment = new LinkedHashMap<>();
        runner.imageEnvironment().forEach((name, value) -> environment.put(name, imagePath(value, mounts)));
        environment.putAll(PodEnvironment.of(client, pod, container, mounts));
        var builder = new ProcessBuilder(runner.command(container, environment, ports));
        builder.environment().clear();
        builder.environment().putAll(environment);
        File log = dir.resolve("logs").resolve(container.getName() + logSuffix + ".log").toFile();
        try {
            Files.createDirectories(log.toPath().getParent());
            return builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        } catch (IOException e) {
            throw new PodStartException("RunContainerError", e.getMessage());
        }
    }

    private void probe() {
        Instant now = Instant.now();
        Container container = container();
        if (!started) {
            Boolean ok = startup.due(now) ? check(container.getStartupProbe()) : null;
            if (ok != null && startup.record(ok, now)) {
                started = true;
                liveness.reset(container.getLivenessProbe(), now);
                readiness.reset(container.getReadinessProbe(), now);
            } else if (startup.failedOut()) {
                kill("startup probe failed");
            }
            return;
        }
        if (liveness.due(now)) {
            liveness.record(check(container.getLivenessProbe()), now);
            if (liveness.failedOut()) {
                kill("liveness probe failed");
                return;
            }
        }
        if (container.getReadinessProbe() == null) {
            ready = true;
        } else if (readiness.due(now)) {
            boolean ok = check(container.getReadinessProbe());
            readiness.record(ok, now);
            if (ok) {
                ready = true;
            } else if (readiness.failedOut()) {
                ready = false;
            }
        }
    }

    private void kill(String why) {
        waitingMessage = why;
        process.destroy();
    }

    private boolean check(Probe probe) {
        if (probe == null) {
            return true;
        }
        if (probe.getHttpGet() == null) {
            throw new IllegalStateException("the node stand-in runs HTTP probes only: " + probe);
        }
        Integer port = localPort(probe.getHttpGet().getPort()).orElse(-1);
        int timeout = probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds();
        try {
            var response = PROBE_CLIENT.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + probe.getHttpGet().getPath()))
                    .timeout(Duration.ofSeconds(timeout)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() >= 200 && response.statusCode() < 400;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A port below Linux's ephemeral range (32768–60999): a port the kernel hands out ({@code new ServerSocket(0)}) can
     * become the local end of any outgoing connection before the pod binds it, and the pod then fails every restart
     * with "Address already in use" (CI, 18:14: 79 restarts on one port).
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another process has it: try the next
            }
        }
        throw new UncheckedIOException(new IOException("no free port between 20000 and 32000 in 200 attempts"));
    }

    /** When a probe is due next and how many times in a row it failed. */
    private static final class ProbeState {
        private Probe probe;
        private Instant next = Instant.EPOCH;
        private int failures;

        void reset(Probe probe, Instant from) {
            this.probe = probe;
            this.failures = 0;
            int delay = probe == null || probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds();
            this.next = from.plusSeconds(delay);
        }

        boolean due(Instant now) {
            return probe != null && !now.isBefore(next);
        }

        /** True on success. */
        boolean record(boolean ok, Instant now) {
            int period = probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds();
            next = now.plusSeconds(period);
            failures = ok ? 0 : failures + 1;
            return ok;
        }

        boolean failedOut() {
            int threshold = probe == null || probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
            return probe != null && failures >= threshold;
        }
    }
}
