package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A session whose spec.history is None links a phone with past conversations: it stores none of them. Run once per engine. */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryNoneIT {

    private static final String OWNER = "5511999990372";
    private static final String CUSTOMER = "5511988880372";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aSessionAskingForNoHistoryGetsNone() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "history-none-it-" + engine + "-");
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.put("KUBEZAP_HISTORY", "None");
        world = PodAgainstSimulator.create(workDir, "loja-372", Map.copyOf(environment));
        world.createPhone(OWNER, "Loja");
        world.createPhone(CUSTOMER, "Cliente");
        HistorySyncIT.givePastChats(world, OWNER, 50);
        world.startPod();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
        // a message sent after linking arrives after whatever history the phone sent
        world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, "Depois de vincular");

        assertThat(world.events("history.synced")).isEmpty();
        assertThat(world.api().queryParam("limit", 200).get("/messages").then().statusCode(200).extract().jsonPath()
                .<String>getList("items.text")).containsExactly("Depois de vincular");
        assertThat(world.api().get("/chats").then().statusCode(200).extract().jsonPath().<String>getList("items.jid"))
                .containsExactly(CUSTOMER + "@s.whatsapp.net");
    }
}
