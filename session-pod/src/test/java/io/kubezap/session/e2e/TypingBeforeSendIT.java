package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 56, item 7 (the peers' "presence before send"): {@code spec.presence.typingBeforeSend}, which the operator
 * passes on as KUBEZAP_PRESENCE_TYPING_BEFORE_SEND, makes the phone see the session typing for that long before a text
 * its caller sent without a delay of its own. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypingBeforeSendIT {
    private static final String OWNER = "5511999990056";
    private static final String CUSTOMER = "5511988880056";
    private static final String OWNER_JID = OWNER + "@s.whatsapp.net";
    private static final Duration TYPING = Duration.ofMillis(1500);

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startALinkedSessionThatTypesFirst() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "typing-before-send-it-" + engine + "-");
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.put("KUBEZAP_PRESENCE_TYPING_BEFORE_SEND", "1500ms");
        world = PodAgainstSimulator.create(workDir, "loja-56", environment);
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stop() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aTextWithoutItsOwnDelayIsTypedFirst() {
        String id = world.api().body(Map.of("to", CUSTOMER, "text", "Bom dia!")).post("/messages")
                .then().statusCode(202).extract().path("id");
        String waId = world.awaitSent(id);
        Map<String, Object> atPhone = world.awaitAtPhone(CUSTOMER, waId);

        Map<String, Object> composing = world.control().get("/api/phones/" + CUSTOMER + "/presence").jsonPath()
                .<Map<String, Object>>getList("chatStateLog").stream()
                .filter(seen -> OWNER_JID.equals(seen.get("from")) && "composing".equals(seen.get("state"))).findFirst()
                .orElseThrow(() -> new AssertionError("the phone never saw the session typing"));
        assertThat(Duration.between(Instant.parse((String) composing.get("at")), Instant.parse((String) atPhone.get("receivedAt"))))
                .as("the text comes after the typing, the configured time later").isGreaterThanOrEqualTo(TYPING.minusMillis(100));
    }
}
