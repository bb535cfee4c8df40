package io.kubezap.session.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A caller sends texts without pause ({@code POST /messages}, a text every few hundred ms, each with its
 * idempotency key, asked again with the same key until the pod answers, as a real caller does) while the pod is killed
 * (SIGKILL) again and again at varied moments ({@link RepeatedKills}) and started again at once on the same data. In
 * the end every text reached the customer's phone once, is stored once and announced ({@code message.sent}) once, and
 * after every kill the session was back Connected on its keys, without a new QR.
 * <p>Run once per storage mode, as a class of its own ({@link OutgoingCrashIT}: Volume, {@link
 * OutgoingCrashDatabaseModeIT}: Database), so that the two run side by side.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutgoingCrashScenario {

    private static final String OWNER = "5511999990053";
    private static final String CUSTOMER = "5511988880054";
    private static final String CHAT = CUSTOMER + "@s.whatsapp.net";
    private static final List<String> DONE = List.of("sent", "delivered", "read");

    private final String variant;
    private final Map<String, String> environment;
    private final int wipeEvery;
    private final int killCount;
    private final long paceMillis;

    private PodAgainstSimulator world;
    private RepeatedKills kills;
    private ChatRows rows;
    /** The pod's message id of each text, once it answered 202. */
    private final Map<String, String> answered = new ConcurrentHashMap<>();
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private int retriedRequests;

    /**
     * @param variant       names the session, its pod log and the figures printed
     * @param environment   the pod's settings beyond the scenario's own
     * @param wipeEvery     every {@code wipeEvery}-th kill also empties the data directory (0: never)
     * @param killsProperty the system property that sets how often the pod is killed, else {@code defaultKills}
     * @param paceMillis    the caller's pause between two texts
     */
    OutgoingCrashScenario(String variant, Map<String, String> environment, int wipeEvery, String killsProperty,
                          int defaultKills, long paceMillis) {
        this.variant = variant;
        this.environment = environment;
        this.wipeEvery = wipeEvery;
        this.killCount = Integer.getInteger(killsProperty, defaultKills);
        this.paceMillis = paceMillis;
    }

    @BeforeAll
    void startAConnectedSession() throws Exception {
        var workDir = Files.createTempDirectory(Path.of("target"), "outgoing-crash-it-" + variant + "-");
        var settings = new java.util.HashMap<>(environment);
        // paced faster than the stream, so that the queue drains between kills
        settings.put("KUBEZAP_SEND_RATE_PER_MINUTE", "1200");
        world = PodAgainstSimulator.create(workDir, "loja-53-" + variant, settings);
        kills = RepeatedKills.onALinkedSession(world, workDir, OWNER, CUSTOMER, "OutgoingCrashIT " + variant)
                .wipingTheDataDirectoryEvery(wipeEvery);
        rows = new ChatRows(world, CHAT);
    }

    @AfterAll
    void stopEverything() throws Exception {
        sending.set(false);
        if (world != null) {
            world.close();
        }
    }

    @Test
    void everyTextReachesThePhoneAndIsStoredAndAnnouncedOnceAcrossKills() throws Exception {
        var caller = Thread.ofPlatform().name("caller").start(this::sendUntilStopped);
        kills.run(killCount, this::sentCount);
        sending.set(false);
        caller.join();

        var texts = List.copyOf(answered.keySet());
        try {
            await().atMost(PATIENCE.multipliedBy(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> countAtPhone().keySet().containsAll(texts) && sentCount() >= texts.size());
        } catch (org.awaitility.core.ConditionTimeoutException notAll) {
            // the figures below say what is missing
        }
        var atPhone = countAtPhone();
        var stored = rows.counts("select text, count(*) from messages where direction = 'out' and chat_jid = ? group by text");
        var announced = rows.counts("select payload ->> 'id', count(*) from events "
                + "where type = 'message.sent' and payload ->> 'chat' = ? group by 1");
        var lost = texts.stream().filter(text -> !atPhone.containsKey(text)).sorted().toList();
        var duplicated = atPhone.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
        var storedTwice = stored.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
        var announcedTwice = announced.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
        var notAnnounced = answered.values().stream().filter(id -> !announced.containsKey(id)).toList();
        var notDone = answered.entrySet().stream().filter(entry -> !DONE.contains(status(entry.getValue())))
                .map(entry -> entry.getKey() + "=" + outcome(entry.getValue())).toList();
        System.out.printf("OutgoingCrashIT %s: %d kills (%d on an emptied data directory), %d texts sent, %d requests asked again, %d at the phone, %d lost %s, "
                        + "%d duplicated at the phone, %d stored twice, %d announced twice, %d not announced, %d not sent %s, "
                        + "%d starts on an unreadable key store%n", variant, killCount, kills.wipes(), texts.size(), retriedRequests, atPhone.size(),
                lost.size(), lost, duplicated.size(), storedTwice.size(), announcedTwice.size(), notAnnounced.size(),
                notDone.size(), notDone, kills.unreadableKeyStores());
        assertThat(kills.wipes()).as("starts on an emptied data directory").isEqualTo(wipeEvery == 0 ? 0 : killCount / wipeEvery);
        assertThat(lost).as("texts the pod accepted that never reached the phone").isEmpty();
        assertThat(duplicated).as("texts the phone got more than once").isEmpty();
        assertThat(stored.keySet()).as("the pod's outgoing texts").containsExactlyInAnyOrderElementsOf(texts);
        assertThat(storedTwice).as("texts stored more than once").isEmpty();
        assertThat(announcedTwice).as("messages announced (message.sent) more than once").isEmpty();
        assertThat(notAnnounced).as("messages never announced").isEmpty();
        assertThat(notDone).as("messages not sent").isEmpty();
        assertThat(kills.unreadableKeyStores()).as("starts that failed on a key store the kill left unreadable").isZero();
    }

    private void sendUntilStopped() {
        int n = 0;
        while (sending.get()) {
            var text = "Saída %05d".formatted(++n);
            if (!sendUntilAnswered("saida-%05d".formatted(n), text)) {
                return;
            }
            try {
                Thread.sleep(paceMillis);
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    /** The request again, with the same key, until the pod answers 202; false when it never did (or interrupted). */
    private boolean sendUntilAnswered(String key, String text) {
        var answer = UntilAnswered.ask(() -> Objects.requireNonNull(world.api().header("Idempotency-Key", key)
                .body(Map.of("to", CHAT, "text", text)).post("/messages").then().statusCode(202).extract().<String>path("id")));
        answer.ifPresent(accepted -> {
            answered.put(text, accepted.value());
            retriedRequests += accepted.tries() > 1 ? 1 : 0;
        });
        return answer.isPresent();
    }

    private String status(String id) {
        return world.api().get("/messages/" + id).then().extract().jsonPath().getString("status");
    }

    /** The status and, for a failed send, why: what a failed run must say to be diagnosed. */
    private String outcome(String id) {
        var message = world.api().get("/messages/" + id).then().extract().jsonPath();
        String reason = message.getString("failureReason");
        return message.getString("status") + (reason == null ? "" : " (" + reason + ")");
    }

    private int sentCount() throws SQLException {
        return rows.count("select count(*) from messages where direction = 'out' and chat_jid = ? and wa_message_id is not null "
                + "and status in ('sent', 'delivered', 'read')");
    }

    /** How often each text of the session's account is in the customer's chat. */
    private Map<String, Long> countAtPhone() {
        List<Map<String, Object>> inbox = world.control().get("/api/phones/" + CUSTOMER + "/messages").jsonPath().getList("$");
        return inbox.stream().filter(message -> String.valueOf(message.get("from")).startsWith(OWNER))
                .map(message -> String.valueOf(message.get("text")))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
