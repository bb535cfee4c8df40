package io.kubezap.session.sink;

import io.kubezap.session.testing.PodProcess;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three brokers of the event sinks, on loopback, each on its own data directory under {@code workDir}:
 * NATS with JetStream and RabbitMQ from Debian's {@code nats-server} and {@code rabbitmq-server} packages, Kafka in
 * KRaft mode (one node, broker and controller) from Maven Central's {@code kafka_2.13} jars on the test class path.
 */
public final class LocalBrokers {

    private LocalBrokers() {
    }

    /** Why the brokers cannot run here (a package missing), or null when they can. */
    public static String missing() {
        List<String> missing = new ArrayList<>();
        if (!BrokerProcess.installed("nats-server")) {
            missing.add("nats-server");
        }
        if (!BrokerProcess.installed("rabbitmq-server")) {
            missing.add("rabbitmq-server");
        }
        return missing.isEmpty() ? null : "Debian package(s) " + missing + " not installed (.ci/run installs them)";
    }

    public static BrokerProcess nats(Path workDir) throws IOException {
        int port = PodProcess.freePort();
        Path store = Files.createDirectories(workDir.resolve("nats"));
        return new BrokerProcess("nats-server", List.of(program("nats-server"), "-a", "127.0.0.1", "-p", Integer.toString(port),
                "-js", "-sd", store.toString()), Map.of(), port, workDir.resolve("nats.log"));
    }

    /**
     * RabbitMQ as a node of its own (name, ports, Erlang cookie and data under {@code workDir}); its port mapper (epmd,
     * which outlives the node) on a port of its own too, ended by {@link #stopPortMapper}.
     */
    public static BrokerProcess rabbitMq(Path workDir) throws IOException {
        int port = PodProcess.freePort();
        Path home = Files.createDirectories(workDir.resolve("rabbitmq"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("RABBITMQ_NODENAME", "kubezap" + port + "@localhost");
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(PodProcess.freePort()));
        env.put("ERL_EPMD_PORT", Integer.toString(PodProcess.freePort()));
        env.put("RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", home.resolve("log").toString());
        env.put("RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS", "");
        env.put("RABBITMQ_PID_FILE", home.resolve("pid").toString());
        // the node's own start script: /usr/sbin's wrapper would switch to the rabbitmq user, who cannot write here
        Path node = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
        return new BrokerProcess("rabbitmq-server", List.of(Files.isExecutable(node) ? node.toString() : program("rabbitmq-server")),
                env, port, workDir.resolve("rabbitmq.log"));
    }

    /** Ends the RabbitMQ node's port mapper (epmd -kill on its port). */
    public static void stopPortMapper(BrokerProcess rabbitMq) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("epmd", "-kill").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("ERL_EPMD_PORT", rabbitMq.environment("ERL_EPMD_PORT"));
        Process kill = builder.start();
        kill.waitFor();
    }

    /** Kafka 4 in KRaft mode, formatted once; started with the test JVM's own java and class path. */
    public static BrokerProcess kafka(Path workDir) throws IOException, InterruptedException {
        return kafka(workDir, PodProcess.freePort(), null);
    }

    /** The same on {@code port}, telling clients to reach it at {@code advertised} ({@code host:port}; null: where it listens). */
    public static BrokerProcess kafka(Path workDir, int port, String advertised) throws IOException, InterruptedException {
        int controllerPort = PodProcess.freePort();
        Path data = Files.createDirectories(workDir.resolve("kafka"));
        Path properties = Files.writeString(workDir.resolve("kafka.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + (advertised == null ? "127.0.0.1:" + port : advertised),
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + data,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0", ""));
        // Kafka's own ids never start with '-', which the format tool's argument parser would read as an option
        String clusterId = Uuid.randomUuid().toString();
        Process format = new ProcessBuilder(java("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                properties.toString(), "--standalone")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("kafka.log").toFile())).start();
        if (format.waitFor() != 0) {
            throw new IllegalStateException("kafka-storage format failed: " + Files.readString(workDir.resolve("kafka.log")));
        }
        return new BrokerProcess("kafka", java("kafka.Kafka", properties.toString()), Map.of(), port, workDir.resolve("kafka.log"));
    }

    private static List<String> java(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    private static String program(String name) {
        return Files.isExecutable(Path.of("/usr/sbin", name)) ? "/usr/sbin/" + name : name;
    }
}
