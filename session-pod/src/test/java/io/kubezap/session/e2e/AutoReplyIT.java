package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Automatic replies between simulated phones and the packaged pod started with {@code spec.autoReply}: a keyword text
 * gets its rule's reply; a new contact's first message gets the greeting, its next one (outside business hours) the away
 * message, and nothing once the day's cap is reached; a restart sends nothing twice. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoReplyIT {

    private static final String OWNER = "5511999990056";
    private static final String CUSTOMER = "5511988880056";
    private static final String NEWCOMER = "5511977770056";
    private static final String THIRD = "5511966660056";
    private static final String PRICES = "Tabela de preços: https://loja.example/precos";
    private static final String GREETING = "Bem-vindo à Loja! Em que podemos ajudar?";
    private static final String AWAY = "Estamos fechados agora; respondemos no próximo dia útil.";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private Conversation conversation;

    @BeforeParameterizedClassInvocation
    void startAConnectedSessionWithAutoReplies() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "auto-reply-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-56", BaileysBridge.environment(engine));
        conversation = new Conversation(world);
        world.setEnvironment("KUBEZAP_AUTO_REPLY", """
                {"timeZone": "UTC",
                 "businessHours": [{"days": [%s], "from": "00:00", "to": "24:00"}],
                 "awayMessage": "%s", "greetingMessage": "%s",
                 "rules": [{"name": "prices", "keywords": ["preco", "tabela"], "reply": "%s"}],
                 "maxRepliesPerContactPerDay": 2}""".formatted(closedTodayAndTomorrow(), AWAY, GREETING, PRICES));
        world.startLinked(OWNER, CUSTOMER);
        world.createPhone(NEWCOMER, "Novata");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void aKeywordTextGetsTheRulesReply() {
        conversation.write(CUSTOMER, OWNER, "Oi, qual o PREÇO do frete?");
        await().atMost(PATIENCE).until(() -> conversation.received(CUSTOMER).contains(PRICES));
        assertThat(conversation.received(CUSTOMER)).doesNotContain(GREETING);
    }

    @Test
    @Order(2)
    void aNewContactIsGreetedOnceThenGetsTheAwayMessageThenNothingPastTheCap() {
        conversation.write(NEWCOMER, OWNER, "Olá!");
        await().atMost(PATIENCE).until(() -> conversation.received(NEWCOMER).contains(GREETING));
        conversation.write(NEWCOMER, OWNER, "Vocês abrem amanhã?");
        await().atMost(PATIENCE).until(() -> conversation.received(NEWCOMER).contains(AWAY));
        conversation.write(NEWCOMER, OWNER, "E a tabela de preços?");
        // replies go one message at a time in arrival order: once the customer's later text is answered, the newcomer's was weighed
        conversation.write(CUSTOMER, OWNER, "Manda a tabela de novo?");
        await().atMost(PATIENCE).until(() -> count(conversation.received(CUSTOMER), PRICES) == 2);

        assertThat(count(conversation.received(NEWCOMER), GREETING)).isEqualTo(1);
        assertThat(count(conversation.received(NEWCOMER), AWAY)).isEqualTo(1);
        assertThat(conversation.received(NEWCOMER)).doesNotContain(PRICES);
        world.api().queryParam("chat", NEWCOMER + "@s.whatsapp.net").queryParam("direction", "out").get("/messages")
                .then().statusCode(200).extract().jsonPath().<String>getList("items.text")
                .forEach(text -> assertThat(text).isIn(GREETING, AWAY));
    }

    @Test
    @Order(3)
    void aRestartSendsNoReplyTwice() throws Exception {
        world.restartPod();
        world.awaitPhase("Connected");
        conversation.write(CUSTOMER, OWNER, "preço?"); // past the customer's cap of 2
        conversation.write(NEWCOMER, OWNER, "Olá de novo"); // not a first contact any more, and past the cap
        // replies go one message at a time in arrival order: once a third contact is greeted, the earlier were weighed
        world.createPhone(THIRD, "Terceira");
        conversation.write(THIRD, OWNER, "Bom dia");
        await().atMost(PATIENCE).until(() -> conversation.received(THIRD).contains(GREETING));

        assertThat(count(conversation.received(CUSTOMER), PRICES)).isEqualTo(2);
        assertThat(count(conversation.received(NEWCOMER), GREETING)).isEqualTo(1);
        assertThat(count(conversation.received(NEWCOMER), AWAY)).isEqualTo(1);
    }

    /** Every day but today's and tomorrow's (UTC): the business is closed while the test runs, even across midnight. */
    private static String closedTodayAndTomorrow() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<java.time.DayOfWeek> open = Arrays.stream(java.time.DayOfWeek.values())
                .filter(day -> day != today.getDayOfWeek() && day != today.plusDays(1).getDayOfWeek()).toList();
        return open.stream().map(day -> "\"" + day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + "\"")
                .collect(Collectors.joining(", "));
    }

    private static long count(List<String> texts, String text) {
        return texts.stream().filter(text::equals).count();
    }
}
