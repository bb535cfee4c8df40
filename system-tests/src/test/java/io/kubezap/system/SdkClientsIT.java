package io.kubezap.system;

import io.kubezap.system.sdk.SendAndFollow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The three clients of sdk/ (TypeScript, Python, Java), each running its README's example against the whole system
 * through the gateway: a text sent reaches the phone, the session's messages list it, and the phone's answer arrives on
 * the client's live event stream. Node.js and Python run the packages the sdk/java build assembled (generated code
 * beside the hand-written layer, sdk/java/target/sdk), as a user installs them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkClientsIT {

    static final String SESSION = "clientes";
    static final String OWNER = "5511988880501";
    static final String CUSTOMER = "5511977770502";
    static final String KEY = "gateway-key-of-the-sdk-test";

    private final TheSystem system = TheSystem.get();
    private final Path sdk = Path.of(System.getProperty("kubezap.repositoryRoot", "..")).toAbsolutePath().normalize()
            .resolve("sdk/java/target/sdk");
    private URI gateway;

    @BeforeAll
    void aLinkedSessionBehindTheGateway() throws Exception {
        system.gatewayKey("sdk-clients-key", KEY, "admin", "*");
        gateway = system.gateways().get(0);
        system.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Loja dos clientes"));
        system.control("POST", "/api/phones", Map.of("number", CUSTOMER, "pushName", "Cliente"));
        system.linkedThroughGateway(gateway, KEY, SESSION, OWNER);
    }

    @Test
    void typeScript() throws Exception {
        Path typescript = sdk.resolve("typescript");
        needs(Files.exists(typescript.resolve("node_modules")), "the TypeScript client's npm packages: the build installs them"
                + " (scripts/npm-ci) where npm is on the PATH (Debian: apt-get install nodejs npm)");
        run(typescript, List.of("npm", "run", "build"));
        // with the garbage collector running all the time: Node's fetch cancels the unread body of a collected Response,
        // which ended the event stream of a client that did not hold its body (on some runs, when a collection fell
        // between subscribing and reading)
        String collectOften = Path.of(getClass().getResource("/sdk/collect-garbage-often.cjs").toURI()).toString();
        conversation("TypeScript", text -> run(typescript, List.of("node", "--expose-gc", "--require", collectOften,
                "dist/examples/send-and-follow.js", gateway.toString(), KEY, TheSystem.NAMESPACE, SESSION, CUSTOMER, text)));
    }

    @Test
    void python() throws Exception {
        Path python = sdk.resolve("python");
        needs(pythonHasTheClientsDependencies(), "python3 with the Python client's dependencies (pydantic 2, urllib3,"
                + " dateutil): python3 -m pip install -r sdk/python/requirements.txt (.ci/run does)");
        conversation("Python", text -> run(python,
                List.of("python3", "examples/send_and_follow.py", gateway.toString(), KEY, TheSystem.NAMESPACE, SESSION, CUSTOMER, text)));
    }

    @Test
    void java() throws Exception {
        conversation("Java", text -> SendAndFollow.run(gateway.toString(), KEY, TheSystem.NAMESPACE, SESSION, CUSTOMER, text));
    }

    interface Client {
        String converse(String text) throws Exception;
    }

    /** The client sends; once the phone has the text it answers; the client must print both, and that it listed it. */
    private void conversation(String language, Client client) throws Exception {
        String text = "Olá do cliente " + language;
        String answer = "Resposta para " + language;
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return client.converse(text);
            } catch (Exception e) {
                throw new IllegalStateException(language + " client failed: " + e.getMessage(), e);
            }
        });
        TheSystem.await("the phone has the " + language + " client's text", () -> system.inboxHas(CUSTOMER, text));
        system.control("POST", "/api/phones/" + CUSTOMER + "/messages", Map.of("to", OWNER, "text", answer));
        String printed = output.get(TheSystem.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(printed).as("what the %s client printed", language)
                .containsPattern("sent \\S+ (queued|sent|delivered|read)")
                .contains("listed true")
                .contains("reply " + answer);
    }

    private static void needs(boolean installed, String what) {
        assumeTrue(installed || System.getenv("CI") != null, "not installed here: " + what);
    }

    private static boolean pythonHasTheClientsDependencies() throws InterruptedException {
        try {
            Process check = new ProcessBuilder("python3", "-c", "import pydantic, urllib3, dateutil, typing_extensions; "
                    + "assert pydantic.VERSION.startswith('2')").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return check.waitFor() == 0;
        } catch (IOException noPython) {
            return false;
        }
    }

    /** Runs a command in a directory; its standard output, or a failure with everything it printed. */
    private static String run(Path directory, List<String> command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", directory.toString()); // the assembled package, as installed
        Process process = builder.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + printed);
        }
        return printed;
    }
}
