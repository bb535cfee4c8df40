package io.kubezap.session.e2e;

import io.kubezap.session.testing.PodProcess;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox as the wa-simulator README has users run it: {@code java -jar …-standalone.jar} as a
 * process of its own (path from the failsafe property {@code kubezap.simulatorJar}), and the client
 * JVM options read from its {@code GET /api/info}. Output goes to {@code target/<logName>.log}.
 */
final class StandaloneSimulator implements PodAgainstSimulator.Simulator {

    private static final Duration START_PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final String controlUrl;

    private StandaloneSimulator(Process process, String controlUrl) {
        this.process = process;
        this.controlUrl = controlUrl;
    }

    static StandaloneSimulator start(Path workDir, String logName) {
        var jar = Path.of(System.getProperty("kubezap.simulatorJar", "../wa-simulator/target/missing.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No simulator jar at " + jar + ": build wa-simulator in the same reactor (-am)");
        }
        int controlPort = PodProcess.freePort();
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--proxy-port=" + PodProcess.freePort(),
                "--control-port=" + controlPort, "--trust-store=" + workDir.resolve("truststore.p12"));
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/" + logName + ".log"))).start();
            var simulator = new StandaloneSimulator(process, "http://127.0.0.1:" + controlPort);
            await().atMost(START_PATIENCE).ignoreExceptions().until(() -> process.isAlive()
                    && given().baseUri(simulator.controlUrl).get("/api/health").statusCode() == 200);
            return simulator;
        } catch (IOException cannotStart) {
            throw new UncheckedIOException(cannotStart);
        }
    }

    @Override
    public String controlUrl() {
        return controlUrl;
    }

    /** What the README says to put into the client's {@code JAVA_TOOL_OPTIONS}: {@code javaOptions} of {@code /api/info}. */
    @Override
    public List<String> clientJvmOptions() {
        String options = given().baseUri(controlUrl).get("/api/info").then().statusCode(200).extract().path("javaOptions");
        return Arrays.asList(options.trim().split("\\s+"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
