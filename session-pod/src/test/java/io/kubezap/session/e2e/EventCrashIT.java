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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calendar events sent while the pod is killed (SIGKILL) again and again ({@link SendsAcrossKills}): a caller creates
 * one event at a time ({@code POST /events}), each with its idempotency key, asked again until the pod answers 202. In
 * the end the customer's phone shows every event the pod accepted once, none it did not, each card passing the phone
 * app's checks, and the pod stored each once. On both engines; {@code -Devent-crash.kills=N} (default 4).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 30, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventCrashIT {

    private static final String OWNER = "5511999990073";
    private static final String CUSTOMER = "5511988880073";
    private static final String CHAT = CUSTOMER + "@s.whatsapp.net";

    private final int killCount = Integer.getInteger("event-crash.kills", 4);
    private final long startTime = Instant.now().plusSeconds(86_400).getEpochSecond();
    @Parameter
    EngineKind engine;
    private SendsAcrossKills scenario;
    private PodAgainstSimulator world;
    private ChatRows rows;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        scenario = SendsAcrossKills.onALinkedSession(engine, "EventCrashIT", "agenda-73", OWNER, CUSTOMER);
        world = scenario.world();
        rows = new ChatRows(world, CHAT);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void everyAcceptedEventIsOnThePhoneOnceAndStoredOnceAcrossKills() throws Exception {
        Map<Integer, String> accepted = scenario.sendWhileKilling(killCount, this::eventsSent, this::sendEvent,
                sent -> eventsAtPhone().keySet().containsAll(sent.keySet().stream().map(EventCrashIT::name).toList()));
        Map<String, List<Map<String, Object>>> atPhone = eventsAtPhone();
        var lost = accepted.keySet().stream().filter(n -> !atPhone.containsKey(name(n))).sorted().toList();
        var twice = atPhone.entrySet().stream().filter(event -> event.getValue().size() > 1).map(Map.Entry::getKey).sorted().toList();
        var unasked = atPhone.keySet().stream().filter(shown -> accepted.keySet().stream().map(EventCrashIT::name).noneMatch(shown::equals))
                .sorted().toList();
        var withProblems = atPhone.values().stream().flatMap(List::stream).filter(card -> !problems(card).isEmpty())
                .map(card -> card.get("event")).toList();
        Map<String, Long> storedRows = storedEvents();
        var storedNotOnce = accepted.values().stream().filter(id -> storedRows.getOrDefault(id, 0L) != 1).sorted().toList();
        System.out.printf("EventCrashIT on %s: %d kills, %d events accepted, %d on the phone, %d lost %s, %d twice %s, "
                        + "%d never accepted %s, %d with problems %s, %d rows stored, %d accepted not stored once %s%n", engine,
                killCount, accepted.size(), atPhone.size(), lost.size(), lost, twice.size(), twice, unasked.size(), unasked,
                withProblems.size(), withProblems, storedRows.values().stream().mapToLong(Long::longValue).sum(),
                storedNotOnce.size(), storedNotOnce);
        assertThat(accepted).as("events the pod accepted").isNotEmpty();
        assertThat(lost).as("events accepted that never reached the phone").isEmpty();
        assertThat(twice).as("events the phone got more than once").isEmpty();
        assertThat(unasked).as("events at the phone the pod never accepted").isEmpty();
        assertThat(withProblems).as("event cards the phone's app finds fault with").isEmpty();
        assertThat(storedNotOnce).as("accepted events not stored exactly once").isEmpty();
        assertThat(storedRows.keySet()).as("events stored").containsExactlyInAnyOrderElementsOf(accepted.values());
    }

    /** Event {@code n}; the pod's message id once it answered 202. */
    private String sendEvent(int n, String idempotencyKey) {
        var event = Map.of("name", name(n), "startTime", startTime + 60L * n, "endTime", startTime + 60L * n + 3600);
        return world.api().header("Idempotency-Key", idempotencyKey).body(Map.of("chatId", CUSTOMER, "event", event))
                .post("/events").then().statusCode(202).extract().path("id");
    }

    private static String name(int n) {
        return "Reunião %05d".formatted(n);
    }

    private int eventsSent() throws Exception {
        return rows.count("select count(*) from messages where direction = 'out' and chat_jid = ? and type = 'event' "
                + "and status in ('sent', 'delivered', 'read')");
    }

    /** The pod's outgoing event rows in the chat: how many rows each message id has. */
    private Map<String, Long> storedEvents() throws Exception {
        return rows.rows("select id from messages where direction = 'out' and chat_jid = ? and type = 'event'", row -> row.getString(1))
                .stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** The event cards in the customer's chat with the account, by the event's name. */
    private Map<String, List<Map<String, Object>>> eventsAtPhone() {
        List<Map<String, Object>> inbox = world.control().get("/api/phones/" + CUSTOMER + "/messages").jsonPath().getList("$");
        return inbox.stream().filter(message -> String.valueOf(message.get("from")).startsWith(OWNER))
                .filter(message -> "event".equals(message.get("type")))
                .collect(Collectors.groupingBy(message -> String.valueOf(event(message).get("name"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(Map<String, Object> card) {
        return (Map<String, Object>) card.get("event");
    }

    private static List<?> problems(Map<String, Object> card) {
        return (List<?>) event(card).getOrDefault("problems", List.of());
    }
}
