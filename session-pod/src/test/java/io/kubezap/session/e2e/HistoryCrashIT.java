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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session asking for the full history (spec.history Full) links a phone with 230 past messages, sent in over a
 * hundred chunks; the packaged pod is killed (SIGKILL) in the middle of it. At its next login it gets the chunks it had
 * not stored again and ends with every message once, none announced as new. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryCrashIT {

    private static final String OWNER = "5511999990371";

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
    void aPodKilledInTheMiddleOfAHistorySyncResumesItWithoutDuplicates() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "history-crash-it-" + engine + "-");
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.put("KUBEZAP_HISTORY", "Full");
        world = PodAgainstSimulator.create(workDir, "loja-371", Map.copyOf(environment));
        world.createPhone(OWNER, "Loja");
        var pastChats = HistorySyncIT.givePastChats(world, OWNER, 2);
        world.startPod();
        world.scanCurrentQr(OWNER);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> world.events("history.synced").size() >= 3);
        world.killPod();
        int storedBeforeTheKill;
        try (var connection = world.podDatabase().getConnection(); var sql = connection.createStatement();
             var rows = sql.executeQuery("select count(*) from messages where history")) {
            rows.next();
            storedBeforeTheKill = rows.getInt(1);
        }
        assertThat(storedBeforeTheKill).as("killed in the middle of the sync").isBetween(1, 229);

        world.startPod();
        world.awaitPhase("Connected");
        await().atMost(PATIENCE).until(() -> HistorySyncIT.storedByBatches(world) == 230);

        var expected = pastChats.stream().flatMap(chat -> HistorySyncIT.ids(chat, "history ", "picture ", "older ").stream()).toList();
        var rows = new ChatRows(world, "");
        assertThat(rows.count("select count(*) from messages where history or chat_jid = ?")).isEqualTo(230);
        assertThat(rows.count("select count(distinct wa_message_id) from messages where history or chat_jid = ?")).isEqualTo(230);
        assertThat(rows.rows("select wa_message_id from messages where history or chat_jid = ?", row -> row.getString(1)))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(world.events("message.received")).isEmpty();
    }
}
