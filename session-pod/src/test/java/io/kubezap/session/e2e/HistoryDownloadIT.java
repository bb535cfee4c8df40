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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The media host fails every download of history blobs (HTTP 500) while a phone with 3 chats and 200 recent messages
 * links the packaged pod: each batch is acknowledged (WhatsApp would not send it again) and kept, retried with
 * backoff; the pod is killed (SIGKILL), the media host heals, and after the restart every kept batch is read: all 200
 * messages once, none announced as new, nothing left kept. Run once per engine (Baileys' bridge hands the batch it could
 * not download to the pod to keep, and reads it when the pod asks).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryDownloadIT {

    private static final String OWNER = "5511999990372";

    @Parameter
    EngineKind engine;

    private Path workDir;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void createTheWorld() throws Exception {
        workDir = Files.createTempDirectory(Path.of("target"), "history-download-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-372", BaileysBridge.environment(engine));
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void historyBlobsTheMediaHostDoesNotGiveAreKeptAcrossARestartAndReadOnceItDoes() throws Exception {
        world.createPhone(OWNER, "Loja");
        var pastChats = HistorySyncIT.givePastChats(world, OWNER, 50);
        failHistoryDownloads(1_000);
        world.startPod();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");

        var rows = new ChatRows(world, "");
        // the bootstrap and 4 chunks of recent messages, each kept, and tried again while the host keeps failing
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> rows.count("select count(*) from history_downloads where attempts >= 2 or session = ?") == 5);
        assertThat(rows.count("select count(*) from messages where history or chat_jid = ?")).isZero();
        world.killPod();

        failHistoryDownloads(0);
        world.startPod();
        world.awaitPhase("Connected");
        await().atMost(PATIENCE).until(() -> HistorySyncIT.storedByBatches(world) == 200);

        var expected = pastChats.stream().flatMap(chat -> HistorySyncIT.ids(chat, "history ", "picture ").stream()).toList();
        assertThat(rows.rows("select wa_message_id from messages where history or chat_jid = ?", row -> row.getString(1)))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(world.events("history.synced")).hasSize(5);
        assertThat(rows.count("select count(*) from history_downloads where session <> ?")).isZero();
        assertThat(world.events("message.received")).isEmpty();
    }

    private void failHistoryDownloads(int times) {
        world.control().body(Map.of("times", times, "status", 500)).put("/api/media/history-failures").then().statusCode(200);
    }
}
