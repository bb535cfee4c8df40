package io.kubezap.session.host;

import io.kubezap.session.testing.HeldSessions;
import io.kubezap.session.engine.cobalt.CobaltEngine;
import io.kubezap.session.host.scope.SessionKeys;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 81: each session a JVM hosts gets its own Cobalt engine, and a
 * released session's engine goes with it. (The component tests' pod runs a simulated engine for its one session; the
 * Cobalt engine bean is looked up here directly, as each session's {@code ChosenEngine} does.)
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class EnginePerSessionTest {

    private static final String FIRST = "loja-11";
    private static final String SECOND = "loja-12";

    @Inject
    HostedSessions sessions;
    @Inject
    Instance<CobaltEngine> engines;
    Path firstDataDir;
    Path secondDataDir;

    @BeforeEach
    void twoSessionsHosted() throws IOException {
        firstDataDir = Files.createTempDirectory(FIRST);
        secondDataDir = Files.createTempDirectory(SECOND);
        sessions.host(HeldSessions.byQr(FIRST, "shop", "key-of-loja-11-0123456789", firstDataDir));
        sessions.host(HeldSessions.byQr(SECOND, "shop", "key-of-loja-12-0123456789", secondDataDir));
    }

    @AfterEach
    void sessionsLeave() {
        sessions.release(FIRST);
        sessions.release(SECOND);
    }

    @Test
    void eachSessionHasAnEngineOfItsOwn() throws Exception {
        CobaltEngine first = engineOf(FIRST);
        CobaltEngine second = engineOf(SECOND);

        assertThat(first).isNotSameAs(second);
        assertThat(engineOf(FIRST)).isSameAs(first);
        assertThat(SessionKeys.call(FIRST, engines.get()::isPaired)).isFalse();
        assertThat(SessionKeys.call(SECOND, engines.get()::isPaired)).isFalse();
    }

    @Test
    void aReleasedSessionsEngineGoesWithIt() throws Exception {
        CobaltEngine before = engineOf(SECOND);

        sessions.release(SECOND);
        sessions.host(HeldSessions.byQr(SECOND, "shop", "key-of-loja-12-0123456789", secondDataDir));

        assertThat(engineOf(SECOND)).isNotSameAs(before);
        assertThat(engineOf(FIRST)).isNotSameAs(engineOf(SECOND));
    }

    private CobaltEngine engineOf(String session) throws Exception {
        return SessionKeys.call(session, () -> ClientProxy.unwrap(engines.get()));
    }
}
