package io.kubezap.session.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash tests' kill loop: the packaged pod is killed (SIGKILL) again and again at varied moments of a stream of
 * texts — while WhatsApp flushes the offline queue right after a login, just after the session is Connected, in the
 * middle of the stream, after a while — and started again at once on the same data; after every kill the session must
 * be back Connected on its keys, without a new QR.
 */
final class RepeatedKills {

    /** Where in the session's life a kill falls; they take turns. */
    enum KillPoint { DURING_OFFLINE_FLUSH, JUST_CONNECTED, MID_STREAM, AFTER_A_WHILE }

    /** How far the stream has come (texts stored, or sent): a mid-stream kill waits for it to move on. */
    interface Progress {
        int count() throws Exception;
    }

    private final PodAgainstSimulator world;
    private final String owner;
    private final String label;
    private final Path keysCopy;
    private final Path candidateCopy;
    private final List<Duration> comebacks = new ArrayList<>();
    private int unreadableKeyStores;
    private int wipeEvery;
    private int wipes;

    private RepeatedKills(PodAgainstSimulator world, Path workDir, String owner, String label) {
        this.world = world;
        this.owner = owner;
        this.label = label;
        this.keysCopy = workDir.resolve("keys-that-started");
        this.candidateCopy = workDir.resolve("keys-before-the-start");
    }

    /**
     * {@code owner}'s session linked and talking to {@code customer}, then stopped once the orderly way (SIGTERM) and
     * started again, so that the kills start on a session whose keys are on disk: a kill within moments of the very
     * first login loses the link itself (the key store's crash-safety, not these tests' subject).
     */
    static RepeatedKills onALinkedSession(PodAgainstSimulator world, Path workDir, String owner, String customer, String label)
            throws Exception {
        var kills = new RepeatedKills(world, workDir, owner, label);
        world.startLinked(owner, customer);
        world.stopPod();
        KeyStoreCopies.replaceTree(kills.keys(), kills.keysCopy);
        world.startPod();
        world.awaitPhase("Connected");
        return kills;
    }

    /**
     * Every {@code n}-th kill also empties the whole data directory before the start, as a pod rescheduled to another
     * node finds it (storage mode Database: an emptyDir).
     */
    RepeatedKills wipingTheDataDirectoryEvery(int n) {
        this.wipeEvery = n;
        return this;
    }

    /** Kills the pod {@code kills} times, each at the next {@link KillPoint}, and starts it again after each. */
    void run(int kills, Progress progress) throws Exception {
        var qrConnections = connectionsThatOfferedAQr();
        for (int kill = 0; kill < kills; kill++) {
            waitFor(KillPoint.values()[kill % KillPoint.values().length], kill, progress);
            world.killPod();
            boolean wiped = wipeEvery > 0 && kill % wipeEvery == wipeEvery - 1;
            if (wiped) {
                KeyStoreCopies.deleteTree(world.dataDir());
                wipes++;
            } else {
                // taken while no pod writes it; it becomes the copy to put back once a start on it succeeds
                KeyStoreCopies.replaceTree(keys(), candidateCopy);
            }
            var started = System.nanoTime();
            world.startPod();
            int attemptsFailed = 0;
            for (int attempt = 1; !startedOnItsKeys(); attempt++) {
                attemptsFailed++;
                // the kill left the key store unreadable (issue 34, item 2: not these tests' subject): counted, and the
                // last copy that started is put back so that the texts can still be counted
                unreadableKeyStores++;
                assertThat(attempt).as("starts on the restored key store").isLessThan(3);
                world.killPod();
                KeyStoreCopies.replaceTree(keysCopy, keys());
                qrConnections = connectionsThatOfferedAQr();
                world.startPod();
            }
            awaitConnectedWithoutQr(kill, qrConnections);
            comebacks.add(Duration.ofNanos(System.nanoTime() - started));
            if (attemptsFailed == 0 && !wiped) {
                KeyStoreCopies.replaceTree(candidateCopy, keysCopy);
            }
        }
        System.out.println(comebackFigures());
    }

    /**
     * How long the pod took from its start after a kill to Connected, as one line (scripts/bench crash-under-load reads
     * it: the sessions' way back as the machine's load rises).
     */
    private String comebackFigures() {
        var sorted = comebacks.stream().map(Duration::toMillis).sorted().toList();
        if (sorted.isEmpty()) {
            return label + ": back Connected after no kill";
        }
        return "%s: back Connected after a kill (start to Connected, %d kills): median %.1f s, max %.1f s".formatted(label,
                sorted.size(), sorted.get(sorted.size() / 2) / 1000.0, sorted.getLast() / 1000.0);
    }

    /** Starts on an emptied data directory. */
    int wipes() {
        return wipes;
    }

    /** Starts that failed on a key store a kill had left unreadable. */
    int unreadableKeyStores() {
        return unreadableKeyStores;
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
            System.out.println(label + ": the pod ended at start (key store unreadable)");
            return false;
        }
        if ("WaitingForQR".equals(world.state().getString("phase"))) {
            System.out.println(label + ": the pod came up unlinked, offering a QR (key store lost its device)");
            return false;
        }
        return true;
    }

    private Path keys() {
        return world.keyStore();
    }

    /** Waits until the moment {@code point} of the {@code kill}-th round; the waits vary from round to round. */
    private void waitFor(KillPoint point, int kill, Progress progress) throws Exception {
        var jitter = Duration.ofMillis(37L * kill % 400);
        switch (point) {
            case DURING_OFFLINE_FLUSH -> {
                // the simulator flushes the queue the moment the device logs in; the pod is still working through it
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(this::deviceConnected);
                Thread.sleep(jitter.toMillis() / 8);
            }
            case JUST_CONNECTED -> {
                world.awaitPhase("Connected");
                Thread.sleep(jitter.toMillis());
            }
            case MID_STREAM -> {
                world.awaitPhase("Connected");
                var before = progress.count();
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> progress.count() >= before + 5 + kill % 7);
            }
            case AFTER_A_WHILE -> {
                world.awaitPhase("Connected");
                Thread.sleep(1500 + jitter.toMillis());
            }
        }
    }

    private boolean deviceConnected() {
        return world.control().get("/api/phones/" + owner).jsonPath().getBoolean("devices[0].connected");
    }

    /** Connected again on the keys it had: no connection of the simulator offered a QR since the first linking. */
    private void awaitConnectedWithoutQr(int kill, long qrConnections) {
        if (!world.podAlive()) {
            throw new AssertionError("the pod ended by itself after kill " + (kill + 1) + " (see target/e2e-*-pod.log)");
        }
        world.awaitPhase("Connected");
        assertThat(connectionsThatOfferedAQr()).as("connections that offered a QR after kill %d", kill + 1)
                .isEqualTo(qrConnections);
        assertThat(world.control().get("/api/phones/" + owner).jsonPath().getString("devices[0].status")).isEqualTo("LINKED");
    }

    private long connectionsThatOfferedAQr() {
        List<List<String>> refs = world.control().get("/api/connections").jsonPath().getList("qrRefs");
        return refs.stream().filter(offered -> offered != null && !offered.isEmpty()).count();
    }
}
