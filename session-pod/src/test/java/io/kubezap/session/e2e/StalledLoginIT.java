package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.contract.PodSetting;
import org.junit.jupiter.api.AfterEach;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login the server never completes (issue 84): the handshake is taken and {@code <success>} held back, for ever or
 * past the pod's login deadline. The socket stays open and nothing is pending, so neither engine ends it by itself:
 * the pod's deadline ({@code KUBEZAP_LOGIN_TIMEOUT}, shortened here from 90 s to {@link #LOGIN_DEADLINE}) gives the
 * login up and the session must come back by itself, without a QR and with what the customer sent. On both engines.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StalledLoginIT {

    private static final String OWNER = "5511999990085";
    private static final String CUSTOMER = "5511988880085";
    private static final Duration LOGIN_DEADLINE = Duration.ofSeconds(20);

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private LoginFaults faults;

    @BeforeParameterizedClassInvocation
    void startLinked() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "stalled-login-it-" + engine + "-");
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.put(PodSetting.LOGIN_TIMEOUT.env(), LOGIN_DEADLINE.toSeconds() + "s");
        world = PodAgainstSimulator.create(workDir, "padaria-" + engine.name().toLowerCase(), environment);
        faults = new LoginFaults(world, OWNER, CUSTOMER, world.startLinked(OWNER, CUSTOMER));
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @AfterEach
    void serverBackToNormal() {
        faults.serverBackToNormal();
    }

    @Test
    @Order(1)
    void aLoginTheServerNeverCompletesIsGivenUpAndTheSessionComesBack() {
        faults.holdLogins(null);

        assertGivenUpAtTheDeadline(faults.assertComesBackAfterADrop("sem sucesso"));
    }

    @Test
    @Order(2)
    void aLoginTheServerCompletesTooLateIsGivenUpAndTheSessionComesBack() {
        faults.holdLogins(LOGIN_DEADLINE.multipliedBy(2).toMillis());

        assertGivenUpAtTheDeadline(faults.assertComesBackAfterADrop("sucesso tarde"));
    }

    /** The pod said why it dropped the login, and with the deadline it was given, not the default 90 s. */
    private void assertGivenUpAtTheDeadline(long beforeTheDrop) {
        assertThat(world.eventsAfter("session.disconnected", beforeTheDrop)).map(PodAgainstSimulator::payload)
                .anySatisfy(drop -> {
                    assertThat(drop.get("reason")).isEqualTo("ReconnectStalled");
                    assertThat((String) drop.get("message")).contains("within " + LOGIN_DEADLINE.toSeconds() + " s");
                });
    }
}
