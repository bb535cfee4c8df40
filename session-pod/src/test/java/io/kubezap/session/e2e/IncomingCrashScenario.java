package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer writes without pause (a text every {@value #PACE_MILLIS} ms) while the pod is killed (SIGKILL) again and
 * again at varied moments ({@link RepeatedKills}) and started again at once on the same data. WhatsApp forgets a
 * message once the client acknowledged it, so every text must be stored before that: in the end each text is stored
 * once and announced ({@code message.received}) once, and after every kill the session is back Connected on its keys,
 * without a new QR.
 * <p>Run once per engine, as a class of its own ({@link IncomingCrashCobaltIT}, {@link IncomingCrashBaileysIT}) so that
 * the two, the longest end-to-end tests, run side by side: on Baileys the bridge (a child of the pod) ends with it,
 * holding back the acknowledgements of what the pod had not stored yet. {@code -Dincoming-crash.kills=N} (default 20) sets how often the Cobalt pod is killed,
 * {@code -Dincoming-crash.baileys-kills=N} (default 5) the Baileys one.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IncomingCrashScenario {

    private static final String OWNER = "5511999990051";
    private static final String CUSTOMER = "5511988880052";
    private static final String CHAT = CUSTOMER + "@s.whatsapp.net";
    private static final long PACE_MILLIS = 50;
    /**
     * The customer pauses while this many texts wait to be stored ({@link CustomerAcrossKills}): a busy machine stores
     * fewer than 20 texts a second. A hundred still gives every login a backlog to flush, and keeps each login short
     * under load (300 made them 44 s at load 16-20).
     */
    private static final int MOST_TEXTS_WAITING = 100;
    private static final int TEXTS_BETWEEN_LOOKS = 20;

    private final EngineKind engine;
    private final String variant;
    private final Map<String, String> environment;
    private final int wipeEvery;
    private final String killsProperty;
    private final int defaultKills;
    private final long paceMillis;

    private Path workDir;
    private PodAgainstSimulator world;
    private RepeatedKills kills;
    private ChatRows rows;
    private CustomerAcrossKills customer;

    IncomingCrashScenario(EngineKind engine) {
        this(engine, engine.name(), BaileysBridge.environment(engine), 0,
                engine == EngineKind.Baileys ? "incoming-crash.baileys-kills" : "incoming-crash.kills",
                engine == EngineKind.Baileys ? 5 : 20, PACE_MILLIS);
    }

    /**
     * @param variant       names the session, its pod log and the figures printed
     * @param wipeEvery     every {@code wipeEvery}-th kill also empties the data directory (0: never)
     * @param killsProperty the system property that sets how often the pod is killed, else {@code defaultKills}
     * @param paceMillis    the customer's pause between two texts
     */
    IncomingCrashScenario(EngineKind engine, String variant, Map<String, String> environment, int wipeEvery,
                          String killsProperty, int defaultKills, long paceMillis) {
        this.paceMillis = paceMillis;
        this.engine = engine;
        this.variant = variant;
        this.environment = environment;
        this.wipeEvery = wipeEvery;
        this.killsProperty = killsProperty;
        this.defaultKills = defaultKills;
    }

    PodAgainstSimulator world() {
        return world;
    }

    Path workDir() {
        return workDir;
    }

    @BeforeAll
    void startAConnectedSession() throws Exception {
        workDir = Files.createTempDirectory(Path.of("target"), "incoming-crash-it-" + variant + "-");
        // a session name per engine: the pod log is named after it and the declaring class, and the two run at once
        world = PodAgainstSimulator.create(workDir, "loja-51-" + variant.toLowerCase(java.util.Locale.ROOT), environment);
        kills = RepeatedKills.onALinkedSession(world, workDir, OWNER, CUSTOMER, "IncomingCrashIT " + variant)
                .wipingTheDataDirectoryEvery(wipeEvery);
        rows = new ChatRows(world, CHAT);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (customer != null) {
            customer.stop();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void everyTextIsStoredAndAnnouncedOnceAcrossKillsAtEveryMomentOfAStream() throws Exception {
        customer = new CustomerAcrossKills(this::writeText, paceMillis, TEXTS_BETWEEN_LOOKS, MOST_TEXTS_WAITING, this::storedCount);
        int killCount = Integer.getInteger(killsProperty, defaultKills);
        kills.run(killCount, this::storedCount);
        List<String> written = customer.stop();

        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> storedCount() >= written.size());
        } catch (org.awaitility.core.ConditionTimeoutException notAll) {
            // the figures below say what is missing
        }
        var stored = rows.counts("select text, count(*) from messages where direction = 'in' and chat_jid = ? group by text");
        var announced = rows.counts("select payload ->> 'waMessageId', count(*) from events "
                + "where type = 'message.received' and payload ->> 'chat' = ? group by 1");
        var lost = written.stream().filter(text -> !stored.containsKey(text)).toList();
        var storedTwice = stored.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
        var announcedTwice = announced.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
        var notAnnounced = rows.rows("select wa_message_id from messages where direction = 'in' and chat_jid = ?", row -> row.getString(1))
                .stream().filter(id -> !announced.containsKey(id)).toList();
        System.out.printf("IncomingCrashIT %s: %d kills (%d on an emptied data directory), %d texts written, %d stored, %d lost %s, %d stored twice, "
                        + "%d announced twice, %d stored but not announced, %d starts on an unreadable key store; the customer paused %d s "
                        + "for a full backlog%n", variant, killCount,
                kills.wipes(),
                written.size(), stored.size(), lost.size(), lost, storedTwice.size(), announcedTwice.size(),
                notAnnounced.size(), kills.unreadableKeyStores(), customer.pausedMillis() / 1000);
        assertThat(kills.wipes()).as("starts on an emptied data directory").isEqualTo(wipeEvery == 0 ? 0 : killCount / wipeEvery);
        assertThat(lost).as("texts WhatsApp delivered that the pod never stored").isEmpty();
        assertThat(storedTwice).as("texts stored more than once").isEmpty();
        assertThat(announcedTwice).as("WhatsApp ids announced (message.received) more than once").isEmpty();
        assertThat(notAnnounced).as("stored texts never announced").isEmpty();
        assertThat(kills.unreadableKeyStores()).as("starts that failed on a key store the kill left unreadable").isZero();
    }

    private String writeText(int n) {
        var text = "Texto %05d".formatted(n);
        world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202);
        return text;
    }

    private int storedCount() throws SQLException {
        return rows.count("select count(*) from messages where direction = 'in' and chat_jid = ?");
    }
}
