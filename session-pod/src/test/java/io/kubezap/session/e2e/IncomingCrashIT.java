package io.kubezap.session.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer writes without pause (a text every {@value #PACE_MILLIS} ms) while the pod is killed (SIGKILL) again and
 * again at varied moments — while WhatsApp flushes the offline queue right after a login, just after the session is
 * Connected, in the middle of the stream — and started again at once on the same data. WhatsApp forgets a message once
 * the client acknowledged it, so every text must be stored before that: in the end each text is stored once and
 * announced ({@code message.received}) once, and after every kill the session is back Connected on its keys, without
 * a new QR.
 * <p>{@code -Dincoming-crash.kills=N} (default 20) sets how often it is killed.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncomingCrashIT {

    private static final String OWNER = "5511999990051";
    private static final String CUSTOMER = "5511988880052";
    private static final String CHAT = CUSTOMER + "@s.whatsapp.net";
    private static final int KILLS = Integer.getInteger("incoming-crash.kills", 20);
    private static final long PACE_MILLIS = 50;

    /** Where in the session's life the kill falls; they take turns. */
    enum KillPoint { DURING_OFFLINE_FLUSH, JUST_CONNECTED, MID_STREAM, AFTER_A_WHILE }

    @TempDir
    static Path workDir;

    private PodAgainstSimulator world;
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private int unreadableKeyStores;
    private Path keysCopy;
    private Path candidateCopy;

    /**
     * Linked, then stopped once the orderly way (SIGTERM), so that the kills start on a session whose keys are on disk:
     * a kill within moments of the very first login loses the link itself (the key store's crash-safety, not this test's
     * subject).
     */
    @BeforeAll
    void startAConnectedSession() throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-51", Map.of());
        world.startLinked(OWNER, CUSTOMER);
        keysCopy = workDir.resolve("keys-that-started");
        candidateCopy = workDir.resolve("keys-before-the-start");
        world.stopPod();
        KeyStoreCopies.replaceTree(keys(), keysCopy);
        world.startPod();
        world.awaitPhase("Connected");
    }

    @AfterAll
    void stopEverything() throws Exception {
        writing.set(false);
        if (world != null) {
            world.close();
        }
    }

    @Test
    void everyTextIsStoredAndAnnouncedOnceAcrossKillsAtEveryMomentOfAStream() throws Exception {
        var customer = Thread.ofPlatform().name("customer").start(this::writeUntilStopped);
        var qrConnections = connectionsThatOfferedAQr();
        for (int kill = 0; kill < KILLS; kill++) {
            var point = KillPoint.values()[kill % KillPoint.values().length];
            waitFor(point, kill);
            world.killPod();
            // taken while no pod writes it; it becomes the copy to put back once a start on it succeeds
            KeyStoreCopies.replaceTree(keys(), candidateCopy);
            world.startPod();
            int attemptsFailed = 0;
            for (int attempt = 1; !startedOnItsKeys(); attempt++) {
                attemptsFailed++;
                // the kill left the key store unreadable (issue 34, item 2: not this test's subject): counted, and the
                // last copy that started is put back so that the texts can still be counted
                unreadableKeyStores++;
                assertThat(attempt).as("starts on the restored key store").isLessThan(3);
                world.killPod();
                KeyStoreCopies.replaceTree(keysCopy, keys());
                qrConnections = connectionsThatOfferedAQr();
                world.startPod();
            }
            awaitConnectedWithoutQr(kill, qrConnections);
            if (attemptsFailed == 0) {
                KeyStoreCopies.replaceTree(candidateCopy, keysCopy);
            }
        }
        writing.set(false);
        customer.join();

        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> storedCount() >= written.size());
        } catch (org.awaitility.core.ConditionTimeoutException notAll) {
            // the figures below say what is missing
        }
        var stored = storedPerText();
        var announced = announcedPerWaId();
        var lost = written.stream().filter(text -> !stored.containsKey(text)).toList();
        var storedTwice = stored.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
        var announcedTwice = announced.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
        var notAnnounced = storedWaIds().stream().filter(id -> !announced.containsKey(id)).toList();
        System.out.printf("IncomingCrashIT: %d kills, %d texts written, %d stored, %d lost %s, %d stored twice, "
                        + "%d announced twice, %d stored but not announced, %d starts on an unreadable key store%n", KILLS,
                written.size(), stored.size(), lost.size(), lost, storedTwice.size(), announcedTwice.size(),
                notAnnounced.size(), unreadableKeyStores);
        assertThat(lost).as("texts WhatsApp delivered that the pod never stored").isEmpty();
        assertThat(storedTwice).as("texts stored more than once").isEmpty();
        assertThat(announcedTwice).as("WhatsApp ids announced (message.received) more than once").isEmpty();
        assertThat(notAnnounced).as("stored texts never announced").isEmpty();
        assertThat(unreadableKeyStores).as("starts that failed on a key store the kill left unreadable").isZero();
    }

    /**
     * Whether the pod connected on its keys; false when it ended by itself (it could not read its key store) or came
     * up unlinked, offering a QR (it found no linked device in it).
     */
    private boolean startedOnItsKeys() {
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> !world.podAlive() || List.of("Connected", "WaitingForQR").contains(world.state().getString("phase")));
        } catch (org.awaitility.core.ConditionTimeoutException stuck) {
            throw new AssertionError("the pod neither connected nor ended; " + world.whatBothSidesSay(), stuck);
        }
        if (!world.podAlive()) {
            System.out.println("IncomingCrashIT: the pod ended at start (key store unreadable)");
            return false;
        }
        if ("WaitingForQR".equals(world.state().getString("phase"))) {
            System.out.println("IncomingCrashIT: the pod came up unlinked, offering a QR (key store lost its device)");
            return false;
        }
        return true;
    }

    private Path keys() {
        return world.dataDir().resolve("whatsapp");
    }

    private void writeUntilStopped() {
        int n = 0;
        while (writing.get()) {
            var text = "Texto %05d".formatted(++n);
            try {
                world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + CUSTOMER + "/messages")
                        .then().statusCode(202);
                written.add(text);
                Thread.sleep(PACE_MILLIS);
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    /** Waits until the moment {@code point} of the {@code kill}-th round; the waits vary from round to round. */
    private void waitFor(KillPoint point, int kill) throws Exception {
        var jitter = Duration.ofMillis(37L * kill % 400);
        switch (point) {
            case DURING_OFFLINE_FLUSH -> {
                // the simulator flushes the queue the moment the device logs in; the pod is still storing it
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(this::deviceConnected);
                Thread.sleep(jitter.toMillis() / 8);
            }
            case JUST_CONNECTED -> {
                world.awaitPhase("Connected");
                Thread.sleep(jitter.toMillis());
            }
            case MID_STREAM -> {
                world.awaitPhase("Connected");
                var before = storedCount();
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> storedCount() >= before + 5 + kill % 7);
            }
            case AFTER_A_WHILE -> {
                world.awaitPhase("Connected");
                Thread.sleep(1500 + jitter.toMillis());
            }
        }
    }

    private boolean deviceConnected() {
        return world.control().get("/api/phones/" + OWNER).jsonPath().getBoolean("devices[0].connected");
    }

    /** Connected again on the keys it had: no connection of the simulator offered a QR since the first linking. */
    private void awaitConnectedWithoutQr(int kill, long qrConnections) {
        if (!world.podAlive()) {
            throw new AssertionError("the pod ended by itself after kill " + (kill + 1) + " (see target/e2e-loja-51-pod.log)");
        }
        world.awaitPhase("Connected");
        assertThat(connectionsThatOfferedAQr()).as("connections that offered a QR after kill %d", kill + 1)
                .isEqualTo(qrConnections);
        assertThat(world.control().get("/api/phones/" + OWNER).jsonPath().getString("devices[0].status")).isEqualTo("LINKED");
    }

    private long connectionsThatOfferedAQr() {
        List<List<String>> refs = world.control().get("/api/connections").jsonPath().getList("qrRefs");
        return refs.stream().filter(offered -> offered != null && !offered.isEmpty()).count();
    }

    private int storedCount() throws SQLException {
        return rows("select count(*) from messages where direction = 'in' and chat_jid = ?", row -> row.getInt(1)).getFirst();
    }

    /** How often each text of the customer is stored. */
    private Map<String, Integer> storedPerText() throws SQLException {
        return counts("select text, count(*) from messages where direction = 'in' and chat_jid = ? group by text");
    }

    private List<String> storedWaIds() throws SQLException {
        return rows("select wa_message_id from messages where direction = 'in' and chat_jid = ?", row -> row.getString(1));
    }

    /** How many message.received events name each WhatsApp id of the customer's chat. */
    private Map<String, Integer> announcedPerWaId() throws SQLException {
        return counts("select payload ->> 'waMessageId', count(*) from events "
                + "where type = 'message.received' and payload ->> 'chat' = ? group by 1");
    }

    private Map<String, Integer> counts(String sql) throws SQLException {
        var counts = new LinkedHashMap<String, Integer>();
        rows(sql, row -> counts.put(row.getString(1), row.getInt(2)));
        return counts;
    }

    private interface Row<T> {
        T read(java.sql.ResultSet row) throws SQLException;
    }

    /** The rows of {@code sql}, whose one parameter is the customer's chat, each read by {@code reader}. */
    private <T> List<T> rows(String sql, Row<T> reader) throws SQLException {
        var read = new ArrayList<T>();
        try (var connection = world.podDatabase().getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, CHAT);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    read.add(reader.read(rows));
                }
            }
        }
        return read;
    }
}
