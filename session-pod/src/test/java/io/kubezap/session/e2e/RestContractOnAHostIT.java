package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST contract on a session host (issue 81: a hosted session's REST API stays exactly as a pod's): the host serves
 * the operations of the document the repository keeps for the session pod ({@code docs/openapi/session-pod.json},
 * which {@code OpenApiDocumentsIT} proves is the one the build serves), and every {@code GET} of its linked session's
 * own paths answers as documented there: a documented success in a documented content type, or an error as a problem
 * document carrying its status, never a 500. A bean that reaches no session on a host answers 500 (record 0021: code
 * that names no session reaches none), which is what this looks for. The streams ({@code events/stream},
 * {@code events/ws}) stay open and are left to their own tests.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestContractOnAHostIT {

    private static final String OWNER = "5511999990814";
    private static final String CUSTOMER = "5511988880815";
    private static final String SESSION_PATH = "/api/v1/sessions/{session}";
    private static final Set<String> STREAMS = Set.of(SESSION_PATH + "/events/stream", SESSION_PATH + "/events/ws");

    @TempDir
    static Path workDir;

    private final JsonNode kept = keptDocument();
    private PodAgainstSimulator world;

    @BeforeAll
    void startALinkedSessionOnAHost() throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-81r", Map.of(), PodAgainstSimulator.Placement.HOST);
        world.startLinked(OWNER, CUSTOMER);
        world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, "Oi, loja no host");
    }

    @AfterAll
    void stop() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void theHostServesTheOperationsOfTheKeptDocument() throws IOException {
        JsonNode served = new ObjectMapper().readTree(given().baseUri(world.podBaseUrl()).get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        assertThat(operations(served)).as("the host's /q/openapi against docs/openapi/session-pod.json")
                .isEqualTo(operations(kept));
    }

    @Test
    void everyGetOfTheSessionAnswersAsDocumented() {
        List<String> problems = new ArrayList<>();
        kept.path("paths").properties().forEach(path -> {
            JsonNode get = path.getValue().path("get");
            if (!get.isMissingNode() && ownPathOfTheSession(path.getKey())) {
                String where = "GET " + path.getKey();
                Response answer = world.api().get(path.getKey().substring(SESSION_PATH.length()));
                check(where, get.path("responses"), answer).ifPresent(problems::add);
            }
        });
        assertThat(problems).as("what the hosted session answered outside its contract").isEmpty();
    }

    /** Why {@code answer} is outside the documented {@code responses}, if it is. */
    private static java.util.Optional<String> check(String where, JsonNode responses, Response answer) {
        int status = answer.statusCode();
        String type = answer.contentType().split(";")[0].trim();
        if (status == 500) {
            return java.util.Optional.of(where + ": 500 " + answer.asString());
        }
        if (status < 400) {
            JsonNode documented = responses.path(String.valueOf(status));
            return documented.isMissingNode() ? java.util.Optional.of(where + ": undocumented " + status)
                    : documented.path("content").has(type) || type.isEmpty() && documented.path("content").isMissingNode()
                    ? java.util.Optional.empty() : java.util.Optional.of(where + ": " + status + " as " + type);
        }
        boolean problem = "application/problem+json".equals(type) && answer.jsonPath().getInt("status") == status;
        return problem ? java.util.Optional.empty() : java.util.Optional.of(where + ": " + status + " not a problem: " + answer.asString());
    }

    /** The session's own paths with no parameter but the session's name, streams aside. */
    private static boolean ownPathOfTheSession(String path) {
        return path.startsWith(SESSION_PATH) && !path.substring(SESSION_PATH.length()).contains("{") && !STREAMS.contains(path);
    }

    /** Each operation as "METHOD path operationId". */
    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (operation.getValue().has("responses")) {
                operations.add(operation.getKey().toUpperCase() + " " + path.getKey() + " "
                        + operation.getValue().path("operationId").asText());
            }
        }));
        return operations;
    }

    private static JsonNode keptDocument() {
        try {
            return new ObjectMapper().readTree(Path.of("..", "docs", "openapi", "session-pod.json").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
