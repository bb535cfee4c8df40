package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.awaitility.Awaitility.await;

/**
 * The send-side crash tests' scenario: on a linked session, a caller sends one thing after another (the {@code n}-th
 * under its own idempotency key, asked again until the pod answers 202) while {@link RepeatedKills} kills the pod
 * (SIGKILL) at varied moments; then the test waits until the phone has everything accepted. Each test states only
 * what it sends and what it counts.
 */
final class SendsAcrossKills implements AutoCloseable {

    /** Sends the {@code n}-th thing under {@code idempotencyKey}; what identifies it once 202, or throws. */
    interface Send {
        String accepted(int n, String idempotencyKey) throws Exception;
    }

    private final PodAgainstSimulator world;
    private final RepeatedKills kills;
    private final String label;
    /** What identifies the {@code n}-th thing sent, once the pod answered 202. */
    private final Map<Integer, String> accepted = new ConcurrentHashMap<>();
    private final AtomicBoolean sending = new AtomicBoolean(true);

    private SendsAcrossKills(PodAgainstSimulator world, RepeatedKills kills, String label) {
        this.world = world;
        this.kills = kills;
        this.label = label;
    }

    /** {@code owner}'s session on {@code engine}, linked to {@code customer}, its keys on disk, ready to be killed. */
    static SendsAcrossKills onALinkedSession(EngineKind engine, String label, String session, String owner, String customer)
            throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), label + "-" + engine + "-");
        var world = PodAgainstSimulator.create(workDir, session,
                BaileysBridge.environment(engine, Map.of("KUBEZAP_SEND_RATE_PER_MINUTE", "1200")));
        return new SendsAcrossKills(world, RepeatedKills.onALinkedSession(world, workDir, owner, customer, label), label);
    }

    PodAgainstSimulator world() {
        return world;
    }

    /**
     * Sends with {@code send} while the pod is killed {@code killCount} times, then waits (without failing) until
     * {@code allAtPhone} holds for what was accepted; what was accepted, by number.
     */
    Map<Integer, String> sendWhileKilling(int killCount, RepeatedKills.Progress progress, Send send,
            Predicate<Map<Integer, String>> allAtPhone) throws Exception {
        var caller = Thread.ofPlatform().name(label + "-caller").start(() -> sendUntilStopped(send));
        kills.run(killCount, progress);
        sending.set(false);
        caller.join();
        try {
            await().atMost(PATIENCE.multipliedBy(2)).pollInterval(Duration.ofSeconds(1)).until(() -> allAtPhone.test(accepted));
        } catch (org.awaitility.core.ConditionTimeoutException notAll) {
            // the test's figures say what is missing
        }
        return Map.copyOf(accepted);
    }

    private void sendUntilStopped(Send send) {
        for (int n = 1; sending.get(); n++) {
            if (!sendUntilAnswered(send, n)) {
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    /** The {@code n}-th again, with the same key, until the pod answers 202; false when it never did (or interrupted). */
    private boolean sendUntilAnswered(Send send, int n) {
        var answer = UntilAnswered.ask(() -> send.accepted(n, label + "-" + n));
        answer.ifPresent(accepted202 -> accepted.put(n, accepted202.value()));
        return answer.isPresent();
    }

    @Override
    public void close() throws Exception {
        sending.set(false);
        world.close();
    }
}
