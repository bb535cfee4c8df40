package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.session.child.ChildEnvironment;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The Baileys bridge as a child process ({@code node bridge.js}), spoken to in its line-delimited JSON protocol
 * (src/main/baileys-bridge/PROTOCOL.md): requests carry an id and are answered by a line with that id and {@code ok}; a
 * line with {@code event} is an event, handed to {@code events} in the order the bridge wrote them, on one reading thread.
 */
final class BridgeProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BridgeProcess.class);

    private final ObjectMapper json;
    private final Process process;
    private final OutputStream requests;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private BridgeProcess(ObjectMapper json, Process process) {
        this.json = json;
        this.process = process;
        this.requests = process.getOutputStream();
    }

    /** Starts the bridge and its reading thread; {@code exited} runs once if the process ends on its own. */
    static BridgeProcess start(BridgeLaunch launch, ObjectMapper json, Consumer<JsonNode> events, Runnable exited)
            throws IOException {
        var builder = new ProcessBuilder(List.of(launch.node(), "bridge.js")).directory(launch.directory().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        var bridge = new BridgeProcess(json, ChildEnvironment.startingWith(builder, launch.environment()).start());
        Thread.ofVirtual().name("baileys-bridge-reader").start(() -> bridge.read(events, exited));
        return bridge;
    }

    /** Sends request {@code op} with these fields; completes with the answer's {@code result}, or fails with its error. */
    CompletableFuture<JsonNode> call(String op, ObjectNode fields) {
        long id = ids.incrementAndGet();
        var answer = new CompletableFuture<JsonNode>();
        pending.put(id, answer);
        ObjectNode request = fields.deepCopy().put("id", id).put("op", op);
        try {
            byte[] line = (json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (requests) {
                requests.write(line);
                requests.flush();
            }
        } catch (IOException gone) {
            pending.remove(id);
            answer.completeExceptionally(new BridgeException("the Baileys bridge is not running: " + gone.getMessage(), false));
        }
        return answer;
    }

    CompletableFuture<JsonNode> call(String op) {
        return call(op, json.createObjectNode());
    }

    ObjectNode fields() {
        return json.createObjectNode();
    }

    private void read(Consumer<JsonNode> events, Runnable exited) {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode parsed;
                try {
                    parsed = json.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException notProtocol) {
                    // something in the bridge printed to stdout: logged, not taken for the protocol
                    LOG.warnf("The Baileys bridge wrote a line outside its protocol: %s", line);
                    continue;
                }
                dispatch(parsed, events);
            }
        } catch (IOException | RuntimeException broken) {
            LOG.warnf(broken, "Reading the Baileys bridge failed");
        }
        var gone = new BridgeException("the Baileys bridge ended", false);
        pending.values().forEach(answer -> answer.completeExceptionally(gone));
        pending.clear();
        exited.run();
    }

    private void dispatch(JsonNode line, Consumer<JsonNode> events) {
        if (line.has("event")) {
            events.accept(line);
            return;
        }
        if (!line.path("id").canConvertToLong()) {
            // JSON that is neither an event nor an answer: a logger of Baileys' own (pino) printing to stdout
            LOG.warnf("The Baileys bridge wrote a line outside its protocol: %s", line);
            return;
        }
        var answer = pending.remove(line.get("id").asLong());
        if (answer == null) {
            return;
        }
        if (line.path("ok").asBoolean()) {
            answer.complete(line.path("result"));
        } else {
            JsonNode error = line.path("error");
            answer.completeExceptionally(new BridgeException(error.path("message").asText("failed"),
                    error.path("unsupported").asBoolean(), error.path("code").asInt()));
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Closes the bridge's input (it then closes its socket and exits), waiting a little before it is killed. */
    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException alreadyGone) {
            // the process has ended
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
