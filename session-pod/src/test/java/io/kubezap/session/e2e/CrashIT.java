package io.kubezap.session.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pod is killed (SIGKILL) at several points of a send burst: before it accepted the last requests, while they are
 * queued, while they are being sent, after they were sent. After each restart the client re-sends what got no answer,
 * with the same idempotency keys, and the customer's phone writes just before each kill and while the pod is dead. Every text reaches the
 * phone exactly once and ends sent (or better), none stuck or failed; every text of the phone arrives once and is
 * announced (message.received) once. The Signal
 * state restored after a kill can be older than what was sent: the phone then cannot decrypt, asks again with a retry
 * receipt, and the pod must resend with a fresh session.
 * <p>
 * Each round kills once (the kill points take turns); {@code -Dcrash.rounds=N} runs more rounds.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashIT implements PlacedSession {

    private static final String OWNER = "5511999990041";
    private static final String CUSTOMER = "5511988880042";
    /** The stale-state test writes to another customer, so that the two tests' counts do not mix. */
    private static final String OTHER_CUSTOMER = "5511988880043";
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 4);
    private static final int BURST = 6;
    private static final List<String> DONE = List.of("sent", "delivered", "read");

    enum KillPoint { BEFORE_ACCEPT, WHILE_QUEUED, WHILE_SENDING, AFTER_SENDING }

    /** One send request of the client: its idempotency key, its text, and the pod's id once it answered. */
    private static final class Request {
        final String key;
        final String text;
        String id;

        Request(String key, String text) {
            this.key = key;
            this.text = text;
        }
    }

    @TempDir
    static Path workDir;

    private PodAgainstSimulator world;
    private String customer = CUSTOMER;

    @BeforeAll
    void startAConnectedSession() throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-41", Map.of(), placement());
        world.startLinked(OWNER, CUSTOMER);
        world.createPhone(OTHER_CUSTOMER, "Outra Cliente");
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void everyTextReachesThePhoneOnceAndEndsSentAcrossKillsAtEveryPointOfABurst() throws Exception {
        customer = CUSTOMER;
        var requests = new ArrayList<Request>();
        var phoneTexts = new ArrayList<String>();
        for (int round = 0; round < ROUNDS; round++) {
            var point = KillPoint.values()[round % KillPoint.values().length];
            var burst = burst("r" + round);
            requests.addAll(burst);
            // received just before the kill: must be neither lost nor announced twice after the restart
            var justBefore = "Antes do crash r" + round;
            world.control().body(Map.of("to", OWNER, "text", justBefore)).post("/api/phones/" + CUSTOMER + "/messages")
                    .then().statusCode(202);
            phoneTexts.add(justBefore);
            killDuring(point, burst);
            for (int n = 1; n <= 2; n++) {
                var text = "Cliente r" + round + " #" + n;
                world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + CUSTOMER + "/messages")
                        .then().statusCode(202);
                phoneTexts.add(text);
            }
            world.startPod();
            world.awaitPhase("Connected");
            resendUnanswered(burst);
        }
        var after = burst("after");
        requests.addAll(after);
        after.forEach(this::post);

        try {
            await().atMost(PATIENCE.multipliedBy(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> requests.stream().allMatch(request -> DONE.contains(status(request.id))));
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            throw new AssertionError("not all sent: " + requests.stream().map(r -> r.text + "=" + status(r.id)).toList()
                    + "; phone's decrypt failures " + decryptFailures(), timeout);
        }
        var texts = requests.stream().map(request -> request.text).toList();
        await().atMost(PATIENCE).until(() -> countAtPhone().keySet().containsAll(texts));
        assertThat(countAtPhone()).as("texts at the phone; decrypt failures %s", decryptFailures())
                .containsExactlyInAnyOrderEntriesOf(texts.stream().collect(Collectors.toMap(Function.identity(), text -> 1L)));
        assertThat(outgoing()).as("the pod's outgoing texts").containsExactlyInAnyOrderElementsOf(texts);
        await().atMost(PATIENCE).until(() -> incoming().containsAll(phoneTexts));
        assertThat(incoming()).as("the phone's texts at the pod").containsExactlyInAnyOrderElementsOf(phoneTexts);
        assertThat(announcedReceived()).as("message.received events per WhatsApp id of the phone's texts")
                .containsExactlyInAnyOrderEntriesOf(incomingWaIds().stream().collect(Collectors.toMap(Function.identity(), id -> 1L)));
        List<Map<String, Object>> failures = decryptFailures();
        assertThat(failures).as("every message the phone could not decrypt came again and decrypted")
                .allMatch(failure -> Boolean.TRUE.equals(failure.get("receivedAfterRetry")));
        System.out.printf("CrashIT: %d rounds, %d texts sent, %d phone texts, %d decrypt failures repaired by retry%n",
                ROUNDS, texts.size(), phoneTexts.size(), failures.size());
    }

    /**
     * What Cobalt's 20-second write interval does after a kill, made certain: the key store is put back to a copy taken
     * before the last texts went out, so the next texts reuse Signal counters the phone has seen. The phone asks again
     * (retry receipt) and the pod resends each with a fresh session under the same id: each arrives once.
     */
    @Test
    void aPodWhoseSignalStateWentBackInTimeResendsWhatThePhoneCouldNotDecrypt() throws Exception {
        customer = OTHER_CUSTOMER;
        var first = new Request("stale-0", "Antes da cópia");
        post(first);
        await().atMost(PATIENCE).until(() -> DONE.contains(status(first.id)));
        var keys = world.dataDir().resolve("whatsapp");
        var copy = workDir.resolve("whatsapp-copy");
        KeyStoreCopies.copyTree(keys, copy);
        var lost = burst("lost");
        lost.forEach(this::post);
        await().atMost(PATIENCE).until(() -> lost.stream().allMatch(request -> DONE.contains(status(request.id))));
        world.killPod();
        KeyStoreCopies.replaceTree(copy, keys);
        world.startPod();
        world.awaitPhase("Connected");

        var after = burst("stale");
        after.forEach(this::post);

        await().atMost(PATIENCE).until(() -> after.stream().allMatch(request -> DONE.contains(status(request.id))));
        var texts = after.stream().map(request -> request.text).toList();
        await().atMost(PATIENCE).until(() -> countAtPhone().keySet().containsAll(texts));
        assertThat(countAtPhone()).as("decrypt failures %s", decryptFailures()).containsAllEntriesOf(
                texts.stream().collect(Collectors.toMap(Function.identity(), text -> 1L)));
        List<Map<String, Object>> failures = decryptFailures();
        assertThat(failures).as("the phone could not decrypt the first texts after the restore").isNotEmpty()
                .allMatch(failure -> Boolean.TRUE.equals(failure.get("receivedAfterRetry")));
        System.out.printf("CrashIT: stale Signal state: %d decrypt failures, all repaired by retry%n", failures.size());
    }

    private static List<Request> burst(String round) {
        var burst = new ArrayList<Request>();
        for (int n = 1; n <= BURST; n++) {
            burst.add(new Request("crash-" + round + "-" + n, "Pedido " + round + " #" + n));
        }
        return burst;
    }

    private void killDuring(KillPoint point, List<Request> burst) throws InterruptedException {
        switch (point) {
            case BEFORE_ACCEPT -> {
                burst.subList(0, BURST / 2).forEach(this::post);
                world.killPod();
                burst.subList(BURST / 2, BURST).forEach(this::tryPost);
            }
            case WHILE_QUEUED -> {
                burst.forEach(this::post);
                world.killPod();
            }
            case WHILE_SENDING -> {
                burst.forEach(this::post);
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                        .until(() -> burst.stream().anyMatch(request -> DONE.contains(status(request.id))));
                world.killPod();
            }
            case AFTER_SENDING -> {
                burst.forEach(this::post);
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                        .until(() -> burst.stream().allMatch(request -> DONE.contains(status(request.id))));
                world.killPod();
            }
        }
    }

    /** What the client does after the restart: every request again, with its key; answered ones keep their id. */
    private void resendUnanswered(List<Request> burst) {
        for (var request : burst) {
            var before = request.id;
            request.id = null;
            post(request);
            if (before != null) {
                assertThat(request.id).as("an idempotency key replays its message after a crash").isEqualTo(before);
            }
        }
    }

    private void post(Request request) {
        request.id = world.api().header("Idempotency-Key", request.key).body(Map.of("to", customer, "text", request.text))
                .post("/messages").then().statusCode(202).extract().path("id");
    }

    /** The pod is dead: the request gets no answer, and the client will send it again. */
    private void tryPost(Request request) {
        try {
            post(request);
        } catch (Exception | AssertionError noAnswer) {
            request.id = null;
        }
    }

    private String status(String id) {
        return id == null ? null : world.api().get("/messages/" + id).then().extract().jsonPath().getString("status");
    }

    /** How often each text of the session's account is in the customer's chat. */
    private Map<String, Long> countAtPhone() {
        List<Map<String, Object>> inbox = world.control().get("/api/phones/" + customer + "/messages").jsonPath().getList("$");
        return inbox.stream().filter(message -> String.valueOf(message.get("from")).startsWith(OWNER))
                .map(message -> String.valueOf(message.get("text")))
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
    }

    private List<String> outgoing() {
        return texts("out");
    }

    private List<String> incoming() {
        return texts("in");
    }

    private List<String> texts(String direction) {
        return messages(direction).stream().map(message -> (String) message.get("text")).filter(Objects::nonNull).toList();
    }

    private List<String> incomingWaIds() {
        return messages("in").stream().map(message -> (String) message.get("waMessageId")).toList();
    }

    private List<Map<String, Object>> messages(String direction) {
        JsonPath page = world.api().queryParam("direction", direction).queryParam("chat", customer + "@s.whatsapp.net")
                .queryParam("limit", 200).get("/messages")
                .then().statusCode(200).extract().jsonPath();
        return page.getList("items");
    }

    /** How many message.received events name each WhatsApp message id of the customer's chat. */
    private Map<String, Long> announcedReceived() {
        return world.events("message.received").stream().map(PodAgainstSimulator::payload)
                .filter(payload -> (customer + "@s.whatsapp.net").equals(payload.get("chat")))
                .map(payload -> String.valueOf(payload.get("waMessageId")))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private List<Map<String, Object>> decryptFailures() {
        return world.control().get("/api/phones/" + customer + "/decrypt-failures").jsonPath().getList("$");
    }
}
