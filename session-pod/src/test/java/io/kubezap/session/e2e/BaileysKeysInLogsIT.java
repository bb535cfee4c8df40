package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.EngineKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Baileys bridge at its most verbose level ({@code BRIDGE_LOG_LEVEL=trace}, which an operator may turn on to debug
 * a session, with the pod's own log at {@code DEBUG}) logs what Baileys and libsignal do, but never a value of the
 * session's key store: a session is linked,
 * receives and sends texts (Signal sessions made and used), then every value of at least 16 bytes in the key store the
 * pod keeps ({@code baileys/auth.json}: credentials, pre-keys, sessions, sender and app-state keys) is looked for in the
 * pod's log in each form a logger prints bytes (base64, hex, Node's {@code <Buffer ..>}, a JSON array of numbers).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaileysKeysInLogsIT {

    private static final String OWNER = "5511999990051";
    private static final String CONTACT = "5511988880051";
    private static final String SESSION = "loja-51";
    private static final int SECRET_BYTES = 16;

    private PodAgainstSimulator world;
    private Path log;
    private long logStart;

    @BeforeAll
    void startAVerboseBaileysSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "baileys-keys-in-logs-it-");
        var environment = new HashMap<>(BaileysBridge.environment(EngineKind.Baileys));
        environment.put("BRIDGE_LOG_LEVEL", "trace");
        environment.put("QUARKUS_LOG_LEVEL", "DEBUG");
        log = Path.of("target", "e2e-" + getClass().getSimpleName() + "-" + SESSION + "-pod.log");
        logStart = Files.exists(log) ? Files.size(log) : 0;
        world = PodAgainstSimulator.create(workDir, SESSION, environment);
        world.startLinked(OWNER, CONTACT);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void noValueOfTheKeyStoreIsLoggedAtTrace() throws IOException {
        world.phoneWritesAndTheSessionStoresIt(CONTACT, OWNER, "Oi, tudo bem?");
        new Conversation(world).sendThroughApiUntilThePhoneHasIt(CONTACT, "Tudo, e você?");
        world.phoneWritesAndTheSessionStoresIt(CONTACT, OWNER, "Também.");

        String written = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) logStart);
        assertThat(written).as("the bridge logged at trace").contains("\"level\":10");
        List<byte[]> secrets = secrets(new ObjectMapper().readTree(world.dataDir().resolve("baileys").resolve("auth.json").toFile()));
        assertThat(secrets).as("values of the key store").hasSizeGreaterThan(10);

        List<String> leaked = new ArrayList<>();
        for (byte[] secret : secrets) {
            forms(secret).entrySet().stream().filter(form -> written.contains(form.getValue()))
                    .forEach(form -> leaked.add(form.getKey() + " " + form.getValue()));
        }
        assertThat(leaked).as("key-store values found in the pod's log").isEmpty();
    }

    /** Every byte value (a Buffer as JSON: {@code {"type":"Buffer","data":"<base64>"}}) of at least 16 bytes. */
    private static List<byte[]> secrets(JsonNode node) {
        List<byte[]> found = new ArrayList<>();
        if (node.isObject() && "Buffer".equals(node.path("type").asText()) && node.path("data").isTextual()) {
            byte[] bytes = Base64.getDecoder().decode(node.path("data").asText());
            if (bytes.length >= SECRET_BYTES) {
                found.add(bytes);
            }
            return found;
        }
        node.forEach(child -> found.addAll(secrets(child)));
        return found;
    }

    /** How a logger may print {@code secret}: whole as base64 or hex, or its first 16 bytes as Node and JSON print them. */
    private static Map<String, String> forms(byte[] secret) {
        var head = java.util.Arrays.copyOf(secret, SECRET_BYTES);
        return Map.of(
                "base64", Base64.getEncoder().encodeToString(secret),
                "base64 without padding", Base64.getEncoder().withoutPadding().encodeToString(secret),
                "hex", HexFormat.of().formatHex(secret),
                "Buffer inspected", HexFormat.ofDelimiter(" ").formatHex(head),
                "JSON numbers", IntStream.range(0, head.length).mapToObj(i -> String.valueOf(head[i] & 0xff))
                        .collect(Collectors.joining(",")));
    }
}
