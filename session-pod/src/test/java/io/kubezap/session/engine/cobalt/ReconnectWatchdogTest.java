package io.kubezap.session.engine.cobalt;

import io.kubezap.session.testing.MutableClock;
import io.kubezap.session.retry.Backoff;
import io.kubezap.contract.SessionState;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppRoute;
import io.kubezap.session.engine.cobalt.ConnectionFailure.Kind;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectWatchdogTest {

    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofSeconds(8);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(90);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T05:00:00Z"));
    private final FakeConnection connection = new FakeConnection();
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    /** Jitter pinned to the top of the range, so the schedule is the backoff ceiling. */
    private final ReconnectWatchdog watchdog =
            new ReconnectWatchdog(connection, new Backoff(BASE, CAP, () -> 1.0), TIMEOUT, GRACE, LOGIN_TIMEOUT, clock, events::add);

    @Test
    void unreachableServerIsRetriedWithGrowingCappedDelays() {
        connection.refuse();
        watchdog.start();

        var delays = new java.util.ArrayList<Duration>();
        for (var i = 0; i < 6; i++) {
            var disconnected = lastDisconnected();
            delays.add(Duration.between(clock.instant(), disconnected.retryAt()));
            clock.set(disconnected.retryAt());
            watchdog.tick();
        }

        assertThat(delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8));
        assertThat(events.stream().filter(EngineEvent.Connecting.class::isInstance).map(EngineEvent.Connecting.class::cast)
                .map(EngineEvent.Connecting::attempt)).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(lastDisconnected().reason()).isEqualTo("NetworkError");
        assertThat(lastDisconnected().message()).contains("ConnectException");
    }

    @Test
    void aProxyThatRefusesIsReportedWithItsOwnReasonAndRetriedWithBackoff() {
        connection.refuseThrough(new WhatsAppRoute.Failure(SessionState.LastError.PROXY_REFUSED,
                "the session's proxy socks5://proxy:1080 refused the tunnel to web.whatsapp.com:443 (authentication failed)"));
        watchdog.start();
        var first = lastDisconnected();
        clock.set(first.retryAt());
        watchdog.tick();

        assertThat(lastDisconnected().reason()).isEqualTo(SessionState.LastError.PROXY_REFUSED);
        assertThat(lastDisconnected().message()).isEqualTo(
                "the session's proxy socks5://proxy:1080 refused the tunnel to web.whatsapp.com:443 (authentication failed)");
        assertThat(Duration.between(clock.instant(), lastDisconnected().retryAt())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aLoginRefusedAsOutdatedIsReportedAtOnceAndRetriedAfterAGrowingBackoff() {
        var outdated = new ConnectionFailure(Kind.OUTDATED, "ClientOutdated", "WhatsApp refused WhatsApp Web 2.3000.1 as outdated");
        connection.hang();
        watchdog.start();

        var delays = new java.util.ArrayList<Duration>();
        for (var i = 0; i < 4; i++) {
            watchdog.refused(outdated);
            var disconnected = lastDisconnected();
            assertThat(disconnected.reason()).isEqualTo("ClientOutdated");
            assertThat(disconnected.message()).contains("2.3000.1");
            delays.add(Duration.between(clock.instant(), disconnected.retryAt()));
            clock.set(disconnected.retryAt().minusMillis(1));
            watchdog.tick();
            assertThat(connection.opens).isEqualTo(i + 1);
            clock.set(disconnected.retryAt());
            watchdog.tick();
        }

        assertThat(connection.closes).isEqualTo(4);
        // at least the grace Cobalt gets after a failure the server explained, then the backoff
        assertThat(delays).containsExactly(GRACE, GRACE, GRACE, CAP);
    }

    @Test
    void noAttemptBeforeRetryAt() {
        connection.refuse();
        watchdog.start();
        var retryAt = lastDisconnected().retryAt();

        clock.set(retryAt.minusMillis(1));
        watchdog.tick();

        assertThat(connection.opens).isEqualTo(1);
        clock.set(retryAt);
        watchdog.tick();
        assertThat(connection.opens).isEqualTo(2);
    }

    @Test
    void backoffResetsOnceTheConnectionProvedHealthy() {
        connection.refuse();
        watchdog.start();
        for (var i = 0; i < 4; i++) {
            clock.set(lastDisconnected().retryAt());
            watchdog.tick();
        }
        connection.accept();
        clock.set(lastDisconnected().retryAt());
        watchdog.tick();
        watchdog.markHealthy();

        dropWithoutReason();

        var drop = lastDisconnected();
        assertThat(drop.reason()).isEqualTo("ConnectionLost");
        assertThat(Duration.between(clock.instant(), drop.retryAt())).isEqualTo(BASE);
    }

    @Test
    void silentServerCloseIsNoticedAndRetried() {
        startConnected();
        assertThat(events).doesNotHaveAnyElementsOfTypes(EngineEvent.Disconnected.class);

        dropWithoutReason();
        clock.set(lastDisconnected().retryAt());
        watchdog.tick();

        assertThat(connection.opens).isEqualTo(2);
    }

    @Test
    void attemptThatNeverOpensTimesOut() {
        connection.hang();
        watchdog.start();

        clock.advance(TIMEOUT.minusSeconds(1));
        watchdog.tick();
        assertThat(events).doesNotHaveAnyElementsOfTypes(EngineEvent.Disconnected.class);

        clock.advance(Duration.ofSeconds(1));
        watchdog.tick();
        assertThat(lastDisconnected().reason()).isEqualTo("Timeout");
        assertThat(connection.closes).isEqualTo(1);
    }

    @Test
    void serverReasonNamesTheNextDrop() {
        startConnected();

        serverCloses(new ConnectionFailure(Kind.TRANSIENT, "Conflict", "stream:error conflict"));

        assertThat(lastDisconnected().reason()).isEqualTo("Conflict");
        assertThat(lastDisconnected().message()).isEqualTo("stream:error conflict");
    }

    @Test
    void anExplainedDropIsReportedOnceWhenTheNoteComesAndAgainNotWhenATickSeesIt() {
        startConnected();

        serverCloses(new ConnectionFailure(Kind.TRANSIENT, "Conflict", "stream:error conflict"));

        assertThat(events).filteredOn(EngineEvent.Disconnected.class::isInstance).hasSize(1);
    }

    @Test
    void anExplainedDropCobaltHealsBeforeATickSeesItIsStillReported() {
        startConnected();

        watchdog.noteFailure(new ConnectionFailure(Kind.TRANSIENT, "Conflict", "stream:error conflict"));
        watchdog.markHealthy();
        watchdog.tick();

        assertThat(events).filteredOn(EngineEvent.Disconnected.class::isInstance).singleElement()
                .satisfies(drop -> assertThat(((EngineEvent.Disconnected) drop).reason()).isEqualTo("Conflict"));
        assertThat(connection.opens).isEqualTo(1);
    }

    @Test
    void aReasonArrivingJustAfterATickSawTheSocketDownStillNamesTheDrop() {
        startConnected();

        connection.drop();
        watchdog.tick();
        assertThat(events).doesNotHaveAnyElementsOfTypes(EngineEvent.Disconnected.class);
        watchdog.noteFailure(new ConnectionFailure(Kind.TRANSIENT, "Conflict", "stream:error conflict"));
        watchdog.tick();

        assertThat(events).filteredOn(EngineEvent.Disconnected.class::isInstance).singleElement()
                .satisfies(drop -> assertThat(((EngineEvent.Disconnected) drop).reason()).isEqualTo("Conflict"));
    }

    @Test
    void requestedRestartThatCobaltPerformsIsNotReported() {
        startConnected();

        serverCloses(new ConnectionFailure(Kind.RESTART, "RestartRequired", "stream:error 515"));
        connection.reopenBehindTheWatchdogsBack();
        clock.advance(GRACE);
        watchdog.tick();

        assertThat(events).doesNotHaveAnyElementsOfTypes(EngineEvent.Disconnected.class);
        assertThat(connection.opens).isEqualTo(1);
    }

    @Test
    void requestedRestartThatCobaltDoesNotPerformIsRetriedAfterTheGrace() {
        startConnected();

        serverCloses(new ConnectionFailure(Kind.RESTART, "RestartRequired", "stream:error 515"));
        clock.advance(GRACE.minusMillis(1));
        watchdog.tick();
        assertThat(connection.opens).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        watchdog.tick();
        assertThat(connection.opens).isEqualTo(2);
    }

    @Test
    void afterAnExplainedDropCobaltGetsTimeToReconnectByItself() {
        startConnected();

        serverCloses(new ConnectionFailure(Kind.TRANSIENT, "Conflict", "stream:error conflict"));
        assertThat(lastDisconnected().retryAt()).isEqualTo(clock.instant().plus(GRACE));

        connection.reopenBehindTheWatchdogsBack();
        clock.advance(GRACE);
        watchdog.tick();

        assertThat(connection.opens).isEqualTo(1);
        dropWithoutReason();
        assertThat(Duration.between(clock.instant(), lastDisconnected().retryAt())).isEqualTo(BASE.multipliedBy(2));
    }

    @Test
    void aReasonCobaltHealedBeforeATickSawTheDropDoesNotNameTheNextDrop() {
        startConnected();
        watchdog.noteFailure(new ConnectionFailure(Kind.RESTART, "RestartRequired", "stream:error 515"));
        watchdog.markHealthy();

        dropWithoutReason();

        assertThat(lastDisconnected().reason()).isEqualTo("ConnectionLost");
        assertThat(lastDisconnected().retryAt()).isEqualTo(clock.instant().plus(BASE));
    }

    @Test
    void haltedWatchdogDoesNotReconnect() {
        connection.accept();
        watchdog.start();
        watchdog.halt();

        connection.drop();
        clock.advance(Duration.ofHours(1));
        watchdog.tick();

        assertThat(connection.opens).isEqualTo(1);
        assertThat(events).doesNotHaveAnyElementsOfTypes(EngineEvent.Disconnected.class);
    }

    @Test
    void renewClosesAndReconnectsAfterTheSettlePauseWithoutBackoff() {
        connection.accept();
        watchdog.start();

        watchdog.renew("Restart", "restart requested", Duration.ofMillis(500), true);

        assertThat(connection.closes).isEqualTo(1);
        assertThat(lastDisconnected().retryAt()).isEqualTo(clock.instant().plusMillis(500));
        clock.advance(Duration.ofMillis(500));
        watchdog.tick();
        assertThat(connection.opens).isEqualTo(2);
    }

    @Test
    void stoppedWatchdogIgnoresEverything() {
        connection.refuse();
        watchdog.start();
        watchdog.stop();

        clock.advance(Duration.ofHours(1));
        watchdog.tick();
        watchdog.renew("Restart", "restart requested", Duration.ZERO, true);

        assertThat(connection.opens).isEqualTo(1);
    }

    private void startConnected() {
        connection.accept();
        watchdog.start();
        watchdog.tick();
    }

    /** The socket closes with no word from the server: the second tick that sees it reports the loss. */
    private void dropWithoutReason() {
        connection.drop();
        watchdog.tick();
        watchdog.tick();
    }

    private void serverCloses(ConnectionFailure explanation) {
        watchdog.noteFailure(explanation);
        connection.drop();
        watchdog.tick();
    }

    /**
     * Issue 84: the server took the handshake and never completed the login, so Cobalt 0.0.10 sits on an open socket with
     * nothing pending. At the login deadline the socket is closed, the stall reported, and a new attempt made.
     */
    @Test
    void aLoginTheServerNeverCompletesIsGivenUpAtItsDeadlineAndTriedAgain() {
        watchdog.start();
        watchdog.tick();
        watchdog.loginStarted();

        clock.advance(LOGIN_TIMEOUT.minusSeconds(1));
        watchdog.tick();
        assertThat(connection.closes).isZero();
        clock.advance(Duration.ofSeconds(1));
        watchdog.tick();

        assertLoginGivenUpAndTriedAgain();
    }

    /** Cobalt's own reconnect (after a drop it heals before a tick sees it) has the same deadline. */
    @Test
    void aLoginOfCobaltsOwnReconnectHasTheSameDeadline() {
        watchdog.start();
        watchdog.tick();
        watchdog.markHealthy();
        connection.drop();
        connection.reopenBehindTheWatchdogsBack();
        watchdog.loginStarted();

        clock.advance(LOGIN_TIMEOUT);
        watchdog.tick();

        assertThat(connection.closes).isEqualTo(1);
        assertThat(lastDisconnected().reason()).isEqualTo(SessionState.LastError.RECONNECT_STALLED);
    }

    /**
     * CI (IncomingCrashCobaltIT): the connection dropped, Cobalt's own reconnect began its handshake, then the watchdog
     * reported the loss and waited; the socket Cobalt opened was taken as up, the login never completed, and the session
     * stayed Reconnecting with no attempt. That socket's login has the deadline too.
     */
    @Test
    void aLoginOfCobaltsOwnReconnectBegunWhileTheLossWasReportedHasTheDeadlineToo() {
        watchdog.start();
        watchdog.tick();
        watchdog.markHealthy();
        connection.drop();
        watchdog.tick();
        watchdog.loginStarted();
        watchdog.tick();
        assertThat(lastDisconnected().reason()).isEqualTo("ConnectionLost");
        connection.reopenBehindTheWatchdogsBack();
        watchdog.tick();

        clock.advance(LOGIN_TIMEOUT);
        watchdog.tick();

        assertLoginGivenUpAndTriedAgain();
    }

    @Test
    void aLoginThatEndsInTimeIsLeftAlone() {
        watchdog.start();
        watchdog.tick();
        watchdog.loginStarted();
        clock.advance(LOGIN_TIMEOUT.minusSeconds(1));
        watchdog.markHealthy();

        clock.advance(LOGIN_TIMEOUT);
        watchdog.tick();

        assertThat(connection.closes).isZero();
        assertThat(events).noneMatch(EngineEvent.Disconnected.class::isInstance);
    }

    /** The stalled login's socket was closed, the stall reported, and the next attempt made after the backoff. */
    private void assertLoginGivenUpAndTriedAgain() {
        assertThat(connection.closes).isEqualTo(1);
        assertThat(lastDisconnected().reason()).isEqualTo(SessionState.LastError.RECONNECT_STALLED);
        clock.set(lastDisconnected().retryAt());
        watchdog.tick();
        assertThat(connection.opens).isEqualTo(2);
    }

    private EngineEvent.Disconnected lastDisconnected() {
        return events.reversed().stream()
                .filter(EngineEvent.Disconnected.class::isInstance)
                .map(EngineEvent.Disconnected.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Disconnected event in " + events));
    }

    /** A socket the test opens, drops and breaks at will. */
    private static final class FakeConnection implements Connection {
        private enum Behaviour { ACCEPT, REFUSE, HANG }

        private Behaviour behaviour = Behaviour.ACCEPT;
        private Exception refusal = new ConnectException("Connection refused");
        private boolean open;
        int opens;
        int closes;

        void accept() {
            behaviour = Behaviour.ACCEPT;
        }

        void refuse() {
            behaviour = Behaviour.REFUSE;
        }

        void hang() {
            behaviour = Behaviour.HANG;
        }

        /** Every attempt fails the way a connection through a failing proxy does (CobaltConnection's wrapping). */
        void refuseThrough(WhatsAppRoute.Failure failure) {
            behaviour = Behaviour.REFUSE;
            refusal = failure.asException();
        }

        void drop() {
            open = false;
        }

        /** Cobalt reconnected on its own. */
        void reopenBehindTheWatchdogsBack() {
            open = true;
        }

        @Override
        public CompletionStage<?> open() {
            opens++;
            return switch (behaviour) {
                case ACCEPT -> {
                    open = true;
                    yield new CompletableFuture<>();
                }
                case REFUSE -> CompletableFuture.failedFuture(new java.util.concurrent.CompletionException(refusal));
                case HANG -> new CompletableFuture<>();
            };
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            closes++;
            open = false;
        }
    }
}
