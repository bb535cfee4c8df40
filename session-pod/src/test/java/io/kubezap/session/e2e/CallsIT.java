package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Calls between a simulated phone and the packaged pod: a call rings as a stored call and a {@code call.received}
 * event, declined through the API the caller's phone sees it declined; hung up or unanswered, the call is updated;
 * with auto-reject (the pod restarted with {@code spec.calls.autoReject}) every call is declined as it rings and the
 * caller gets the text. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallsIT {

    private static final String OWNER = "5511999990014";
    private static final String CUSTOMER = "5511988880014";
    private static final String CUSTOMER_JID = CUSTOMER + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "calls-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-14", BaileysBridge.environment(engine));
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void aCallRingsAndIsDeclinedThroughTheApi() {
        String callId = call(true);
        JsonPath ringing = awaitCall(callId, "ringing");
        assertThat(ringing.getString("from")).isEqualTo(CUSTOMER_JID);
        assertThat(ringing.getBoolean("video")).isTrue();
        assertThat(world.events("call.received")).anySatisfy(event -> assertThat(payload(event).get("id")).isEqualTo(callId));

        world.api().post("/calls/" + callId + "/reject").then().statusCode(200)
                .body("status", equalTo("rejected")).body("rejectedBy", equalTo("api"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(phoneCall(callId).get("status")).isEqualTo("rejected"));
        assertThat((String) phoneCall(callId).get("rejectedBy")).startsWith(OWNER + ":");
        assertThat(world.events("call.updated")).anySatisfy(event -> assertThat(payload(event).get("status")).isEqualTo("rejected"));
        world.api().post("/calls/" + callId + "/reject").then().statusCode(409);
        world.api().post("/calls/NOSUCHCALL/reject").then().statusCode(404);
    }

    @Test
    @Order(2)
    void aCallHungUpOrUnansweredIsUpdated() {
        String hungUp = call(false);
        awaitCall(hungUp, "ringing");
        world.control().body(Map.of()).post("/api/phones/" + CUSTOMER + "/calls/" + hungUp + "/end").then().statusCode(200);
        awaitCall(hungUp, "ended");

        String unanswered = call(false);
        awaitCall(unanswered, "ringing");
        world.control().body(Map.of("timeout", true)).post("/api/phones/" + CUSTOMER + "/calls/" + unanswered + "/end")
                .then().statusCode(200);
        awaitCall(unanswered, "timed_out");

        world.api().queryParam("status", "timed_out").get("/calls").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(unanswered));
        world.api().queryParam("video", "false").queryParam("from", CUSTOMER).get("/calls").then()
                .body("items.size()", equalTo(2));
        world.api().queryParam("status", "bogus").get("/calls").then().statusCode(400);
    }

    @Test
    @Order(3)
    void withAutoRejectEveryCallIsDeclinedAndTheCallerGetsTheText() throws Exception {
        world.setEnvironment("KUBEZAP_CALLS_AUTO_REJECT", "true");
        world.setEnvironment("KUBEZAP_CALLS_AUTO_REJECT_MESSAGE", "Não atendemos ligações. Escreva, por favor!");
        world.restartPod();
        world.awaitPhase("Connected");

        String callId = call(false);

        awaitCall(callId, "rejected");
        world.api().get("/calls/" + callId).then().body("rejectedBy", equalTo("auto"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(phoneCall(callId).get("status")).isEqualTo("rejected"));
        await().atMost(PATIENCE).until(() -> world.control().get("/api/phones/" + CUSTOMER + "/messages").jsonPath()
                .<String>getList("text").contains("Não atendemos ligações. Escreva, por favor!"));
    }

    private String call(boolean video) {
        return world.control().body(Map.of("to", OWNER, "video", video)).post("/api/phones/" + CUSTOMER + "/calls")
                .then().statusCode(202).extract().path("id");
    }

    private JsonPath awaitCall(String callId, String status) {
        return await().atMost(PATIENCE).ignoreExceptions().until(() -> world.api().get("/calls/" + callId).then()
                .statusCode(200).extract().jsonPath(), call -> status.equals(call.getString("status")));
    }

    /** The call as the caller's phone shows it. */
    private Map<String, Object> phoneCall(String callId) {
        return world.control().get("/api/phones/" + CUSTOMER + "/calls").jsonPath().getMap("find { it.id == '" + callId + "' }");
    }
}
