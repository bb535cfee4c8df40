package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.engine.version.WebVersions;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WhatsApp Web version kept current (issue 39), with the packaged pod against the simulator, which announces its
 * current version in web.whatsapp.com's service worker and refuses older logins with {@code failure 405} as WhatsApp
 * does. One linked session lives through a WhatsApp release, a restart that cannot reach web.whatsapp.com, and a
 * release the pod cannot learn: it learns at start, learns again when refused, falls back to the version that last
 * worked and then to the pinned one, shows every refusal as {@code ClientOutdated}, and never loses the link.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebVersionIT {

    private static final String OWNER = "5511999990391";
    private static final String CUSTOMER = "5511988880392";
    private static final long PINNED_REVISION = Long.parseLong(WebVersions.PINNED.substring(WebVersions.PINNED.lastIndexOf('.') + 1));
    private static final long FIRST = PINNED_REVISION + 100;
    private static final long SECOND = PINNED_REVISION + 200;
    private static final long THIRD = PINNED_REVISION + 300;

    @Parameter
    EngineKind engine;

    private Path workDir;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startTheWorld() throws Exception {
        workDir = Files.createTempDirectory(Path.of("target"), "web-version-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-39", BaileysBridge.environment(engine));
        // the test's subject is what sw.js says: a loaded machine's slow answer must not make the pod fall back instead
        world.setEnvironment("KUBEZAP_WA_VERSION_TIMEOUT", "60s");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void theSessionFollowsWhatsAppWebReleasesAndShowsEveryRefusal() throws Exception {
        whatsAppWebIs(FIRST, 0);
        int device = world.startLinked(OWNER, CUSTOMER);
        String account = world.state().getString("account.jid");
        assertThat(await().atMost(PodAgainstSimulator.PATIENCE).ignoreExceptions().until(this::keptVersion, Optional::isPresent))
                .as("learnt from web.whatsapp.com/sw.js at start").contains(version(FIRST));

        // a WhatsApp Web release: the version the pod announces is refused at its next login, the current one is learnt
        long beforeRelease = world.lastEventId();
        whatsAppWebIs(SECOND, SECOND);
        world.injectFault(OWNER, device, "drop");
        var refusal = awaitRefusal(beforeRelease);
        assertThat(refusal.get("message").toString()).contains(version(FIRST), "outdated", "405");
        awaitConnectedAs(account);
        assertThat(world.eventsAfter("session.qr", beforeRelease)).as("still linked: no QR").isEmpty();
        await().atMost(PodAgainstSimulator.PATIENCE).until(this::keptVersion, kept -> kept.equals(Optional.of(version(SECOND))));
        customerWritesAndTheSessionStoresIt("Oi, ainda estão abertos?");

        // web.whatsapp.com out of reach at the next start: the version that last worked, not the pinned one (refused now)
        long beforeRestart = world.lastEventId();
        world.stopPod();
        world.setEnvironment("KUBEZAP_WA_VERSION_URL", "https://unreachable.invalid/sw.js");
        world.startPod();
        awaitConnectedAs(account);
        assertThat(refusalsAfter(beforeRestart)).as("logged in at the first attempt, with the version kept").isEmpty();

        // a release the pod cannot learn: the version that worked and the pinned one are refused, shown each time, retried
        long beforeSecondRelease = world.lastEventId();
        whatsAppWebIs(THIRD, THIRD);
        world.injectFault(OWNER, device, "drop");
        var refusals = await().atMost(PodAgainstSimulator.PATIENCE).until(() -> refusalsAfter(beforeSecondRelease),
                found -> found.size() >= 3);
        assertThat(refusals.reversed()).extracting(refused -> refused.get("message").toString())
                .satisfies(messages -> {
                    assertThat(messages.get(0)).contains(version(SECOND));
                    assertThat(messages.get(1)).contains(WebVersions.PINNED);
                    assertThat(messages.get(2)).contains(WebVersions.PINNED);
                });
        var state = world.state();
        assertThat(state.getString("phase")).isEqualTo("Reconnecting");
        assertThat(state.getString("lastError.reason")).isEqualTo("ClientOutdated");
        assertThat(state.getString("lastError.message")).contains("WhatsApp refused WhatsApp Web");

        // WhatsApp accepts the pinned version again: the next retry logs in with it, which is kept
        whatsAppWebIs(THIRD, 0);
        awaitConnectedAs(account);
        await().atMost(PodAgainstSimulator.PATIENCE).until(this::keptVersion, kept -> kept.equals(Optional.of(WebVersions.PINNED)));
        customerWritesAndTheSessionStoresIt("Então me manda o cardápio");
    }

    private void whatsAppWebIs(long current, long minimum) {
        world.control().body(Map.of("current", current, "minimum", minimum)).put("/api/web-version").then().statusCode(200);
    }

    private static String version(long revision) {
        return "2.3000." + revision;
    }

    private Map<String, Object> awaitRefusal(long afterEventId) {
        return await().atMost(PodAgainstSimulator.PATIENCE).until(() -> refusalsAfter(afterEventId), found -> !found.isEmpty())
                .getLast();
    }

    /** The {@code session.disconnected} events saying ClientOutdated after an event, newest first. */
    private List<Map<String, Object>> refusalsAfter(long afterEventId) {
        return world.eventsAfter("session.disconnected", afterEventId).stream()
                .map(PodAgainstSimulator::payload)
                .filter(payload -> "ClientOutdated".equals(payload.get("reason")))
                .toList();
    }

    private void awaitConnectedAs(String account) {
        assertThat(world.awaitPhase("Connected").getString("account.jid")).isEqualTo(account);
    }

    private void customerWritesAndTheSessionStoresIt(String text) {
        world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202);
        await().atMost(PodAgainstSimulator.PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> world.incomingTexts().contains(text));
    }

    private Optional<String> keptVersion() throws SQLException {
        try (var connection = world.podDatabase().getConnection();
             var statement = connection.prepareStatement("select version from web_versions where session = 'loja-39'");
             var rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(rows.getString("version")) : Optional.empty();
        }
    }
}
