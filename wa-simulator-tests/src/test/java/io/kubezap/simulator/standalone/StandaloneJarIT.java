package io.kubezap.simulator.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox as the README runs it: {@code java -jar …-standalone.jar} with its options. A client
 * that only uses the printed proxy and trust store reaches "web.whatsapp.com" on it, and the control
 * API answers.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StandaloneJarIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern CONTROL_URL = Pattern.compile("control API : (http://\\S+)/api/info");
    private static final Pattern PROXY = Pattern.compile("proxy\\s+: (\\S+):(\\d+) ");

    @TempDir
    Path workDir;

    private Process simulator;

    @AfterEach
    void stop() throws InterruptedException {
        if (simulator != null) {
            simulator.destroy();
            simulator.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void theJarStartsTheSimulatorWithItsControlApiProxyAndTrustStore() throws Exception {
        var trustStore = workDir.resolve("truststore.p12");
        var banner = start("--proxy-port=0", "--control-port=0", "--trust-store=" + trustStore);

        var controlUrl = find(CONTROL_URL, banner).group(1);
        var proxy = find(PROXY, banner);
        assertThat(trustStore).isRegularFile();
        try (var plain = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(TIMEOUT).build()) {
            assertThat(json(get(plain, controlUrl + "/api/health")).get("status").asText()).isEqualTo("UP");
            assertThat(json(get(plain, controlUrl + "/api/info")).get("javaOptions").asText())
                    .contains("-Dhttps.proxyPort=" + proxy.group(2), "-Djavax.net.ssl.trustStore=" + trustStore);
            var created = plain.send(HttpRequest.newBuilder(URI.create(controlUrl + "/api/phones")).timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"number\":\"5511987650000\",\"pushName\":\"Sandbox\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
        }
        try (var client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .proxy(ProxySelector.of(new InetSocketAddress(proxy.group(1), Integer.parseInt(proxy.group(2)))))
                .sslContext(trusting(trustStore)).build()) {
            var page = get(client, "https://web.whatsapp.com/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("client_revision");
        }
    }

    @Test
    void aMalformedOptionStopsItWithAMessage() throws Exception {
        simulator = new ProcessBuilder(javaCommand("--proxy-port")).redirectErrorStream(true).start();
        assertThat(simulator.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(simulator.exitValue()).isNotZero();
        assertThat(new String(simulator.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("Options look like --name=value, got --proxy-port");
    }

    /** Starts the jar and returns its banner, once it says it is running. */
    private List<String> start(String... options) throws Exception {
        simulator = new ProcessBuilder(javaCommand(options)).redirectErrorStream(true).start();
        var lines = new ArrayList<String>();
        var output = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
        for (var line = output.readLine(); line != null; line = output.readLine()) {
            lines.add(line);
            if (line.contains("client JVM")) {
                Thread.ofVirtual().start(() -> drain(simulator.getInputStream()));
                return lines;
            }
        }
        throw new AssertionError("the simulator exited without its banner: " + lines);
    }

    private static List<String> javaCommand(String... options) {
        var jar = Path.of(System.getProperty("kubezap.simulatorJar"));
        assertThat(jar).as("the shaded jar built by mvn package").isRegularFile();
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString()));
        command.addAll(List.of(options));
        return command;
    }

    private static Matcher find(Pattern pattern, List<String> lines) {
        return lines.stream().map(pattern::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError(pattern + " not in the banner " + lines));
    }

    private static SSLContext trusting(Path trustStore) throws Exception {
        var keyStore = KeyStore.getInstance("PKCS12");
        try (var input = Files.newInputStream(trustStore)) {
            keyStore.load(input, "changeit".toCharArray());
        }
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        var context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /** Keeps reading the process's output so that it never blocks on a full pipe. */
    private static void drain(InputStream output) {
        try (output) {
            output.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ended) {
            // the process stopped
        }
    }
}
