package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A slow WhatsApp server (issue 84): the login IQ {@code <iq xmlns="passive"><active/></iq>} answered never or after
 * the client's 60 s wait, once or twice, and every answer delayed. Each time the linked session's socket is dropped,
 * the pod logs in on a connection the server leaves without an answer, the engine gives that login up, and the pod
 * must connect again by itself: back Connected, no QR, and the text the customer sent meanwhile stored. On both engines,
 * with the pod's own login deadline at its default (90 s), so that it is the engine's answer timeout that gives up.
 * A login the server never completes is {@link StalledLoginIT}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlowServerIT {

    private static final String OWNER = "5511999990084";
    private static final String CUSTOMER = "5511988880084";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private LoginFaults faults;

    @BeforeParameterizedClassInvocation
    void startLinked() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "slow-server-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "padaria-" + engine.name().toLowerCase(), BaileysBridge.environment(engine));
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
    void aLoginIqNeverAnsweredOnceIsGivenUpAndTheSessionComesBack() {
        assumeCobalt();
        faults.holdPassiveAnswers(null, 1);

        faults.assertComesBackAfterADrop("nunca respondido");
    }

    @Test
    @Order(2)
    void aLoginIqAnsweredTooLateTwiceIsGivenUpEachTimeAndTheSessionComesBack() {
        assumeCobalt();
        faults.holdPassiveAnswers(70_000L, 2);

        faults.assertComesBackAfterADrop("respondido tarde");
    }

    @Test
    @Order(3)
    void everyAnswerDelayedStillLogsIn() {
        faults.delayEveryAnswer(3_000);

        faults.assertComesBackAfterADrop("servidor lento");
    }

    /**
     * Baileys 7 (rc14, {@code socket.js}, {@code CB:success}) logs in without the answer to its passive IQ (it warns and
     * opens), so a held answer makes it neither end nor reconnect: there is nothing to come back from.
     */
    private void assumeCobalt() {
        assumeTrue(engine == EngineKind.Cobalt, "Baileys logs in without the passive IQ's answer: no login to give up");
    }
}
