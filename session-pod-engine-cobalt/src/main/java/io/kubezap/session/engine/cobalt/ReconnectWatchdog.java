package io.kubezap.session.engine.cobalt;

import io.kubezap.contract.SessionState;
import io.kubezap.session.retry.Backoff;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.KeyStoreTakenOver;
import io.kubezap.session.engine.RouteFailedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Keeps the WhatsApp socket up. Cobalt 0.0.10 retries once at most and says nothing when the
 * server simply closes, so this watches {@link Connection#isOpen()} on every {@link #tick()} and
 * reconnects with exponential backoff and full jitter; the backoff resets once the connection has
 * proven healthy ({@link #markHealthy()}). Every attempt is reported as {@code Connecting}, every
 * loss as {@code Disconnected} with the time of the next attempt. A loss the server has not explained
 * is reported on the second tick that sees it, so that a reason already on its way can still name it.
 *
 * <p>When the server announced why it closed ({@link #noteFailure}), Cobalt reconnects by itself, often before
 * a tick sees the socket down; so a connection the server ends (a {@code conflict}, say) is reported at once. The
 * next attempt then waits at least {@code selfHealGrace}, so two sockets are never opened at once. A
 * requested restart (515) is not reported at all unless Cobalt fails to reconnect within that grace.
 *
 * <p>A login has a deadline ({@code loginTimeout}) from its first handshake frame ({@link #loginStarted()}), Cobalt's own
 * reconnects included: a server that takes the handshake and never completes the login (no {@code success}, or login
 * answers that never come) leaves Cobalt 0.0.10 with an open socket and nothing pending, for ever. Past the deadline
 * the socket is closed, the stall reported ({@code Disconnected}, reason {@code ReconnectStalled}) and the next
 * attempt made after the backoff.
 *
 * <p>Time comes from the injected clock and nothing here sleeps: the caller drives {@link #tick()}
 * (a scheduler in production, the test itself in tests).
 */
public final class ReconnectWatchdog {

    private enum Phase { STOPPED, WAITING, CONNECTING, UP, HALTED }

    /** The reason a pod another one took over from reports. */
    static final String TAKEN_OVER = "KeyStoreTakenOver";

    private final Connection connection;
    private final Backoff backoff;
    private final Duration connectTimeout;
    private final Duration selfHealGrace;
    private final Duration loginTimeout;
    private final Clock clock;
    private final Consumer<EngineEvent> events;

    private Phase phase = Phase.STOPPED;
    private int failures;
    private Instant retryAt;
    private Instant attemptStartedAt;
    private CompletionStage<?> pendingOpen;
    private ConnectionFailure lastFailure;
    /** When the drop {@link #lastFailure} explains was reported to retry; null when it was not reported yet. */
    private Instant announcedRetryAt;
    /** A tick saw the socket down while up, with no reason from the server yet. */
    private boolean unexplainedLossSeen;
    /** When the login under way sent its first handshake frame; null when none is under way. */
    private Instant loginStartedAt;
    private Runnable beforeOpening = () -> {
    };

    public ReconnectWatchdog(Connection connection, Backoff backoff, Duration connectTimeout, Duration selfHealGrace,
                             Duration loginTimeout, Clock clock, Consumer<EngineEvent> events) {
        this.connection = connection;
        this.backoff = backoff;
        this.connectTimeout = connectTimeout;
        this.selfHealGrace = selfHealGrace;
        this.loginTimeout = loginTimeout;
        this.clock = clock;
        this.events = events;
    }

    /** Connects now (first start, or pairing anew after a logout) with a fresh backoff. */
    public synchronized void start() {
        failures = 0;
        forgetFailure();
        waitUntil(clock.instant());
        tick();
    }

    public synchronized void tick() {
        var now = clock.instant();
        if (loginOverdue(now)) {
            giveUpLogin();
            return;
        }
        switch (phase) {
            case STOPPED, HALTED -> {
            }
            case UP -> {
                if (connection.isOpen()) {
                    unexplainedLossSeen = false;
                } else if (lastFailure != null || unexplainedLossSeen) {
                    unexplainedLossSeen = false;
                    retryAfterFailure("ConnectionLost", "the connection to WhatsApp was closed");
                } else {
                    // the server's reason (a stream:error node) reaches us on another thread: give it one tick
                    unexplainedLossSeen = true;
                }
            }
            case CONNECTING -> {
                if (connection.isOpen()) {
                    adoptOpenSocket(now);
                } else if (!now.isBefore(attemptStartedAt.plus(connectTimeout))) {
                    connection.close();
                    retryAfterFailure("Timeout", "no connection to WhatsApp within " + connectTimeout.toSeconds() + " s");
                }
            }
            case WAITING -> {
                if (connection.isOpen()) {
                    adoptOpenSocket(now);
                } else if (!now.isBefore(retryAt)) {
                    open(now);
                }
            }
        }
    }

    /**
     * The connection works (pairing started or logged in): the next loss retries after the shortest delay. A server
     * reason noted before is spent — Cobalt reconnected by itself before a tick saw the socket down — and must not
     * name (or, for a 515, silence) a later, unrelated drop.
     */
    public synchronized void markHealthy() {
        failures = 0;
        loginStartedAt = null;
        forgetFailure();
        if (phase == Phase.CONNECTING || phase == Phase.WAITING) {
            phase = Phase.UP;
        }
    }

    /**
     * Remembers the server's reason for the next drop, so {@code Disconnected} names it; while connected, reports
     * that drop now (unless it is a requested restart), since Cobalt may be back before a tick would notice.
     */
    public synchronized void noteFailure(ConnectionFailure failure) {
        lastFailure = failure;
        announcedRetryAt = null;
        if (phase == Phase.UP && failure.kind() != ConnectionFailure.Kind.RESTART) {
            announcedRetryAt = clock.instant().plus(delayAfter(failure));
            events.accept(new EngineEvent.Disconnected(failure.reason(), failure.message(), announcedRetryAt));
        }
    }

    /**
     * The server refused this attempt outright (a client it calls outdated): the socket is closed, the refusal reported
     * now, and the next attempt waits for the backoff, which grows with each refusal, so a refusal that persists is
     * neither a tight loop nor a silent one.
     */
    public synchronized void refused(ConnectionFailure failure) {
        if (phase == Phase.STOPPED || phase == Phase.HALTED) {
            return;
        }
        lastFailure = failure;
        announcedRetryAt = null;
        connection.close();
        retryAfterFailure(failure.reason(), failure.message());
    }

    /**
     * Drops the socket on purpose and connects again after {@code settle} (restart, fresh QR refs);
     * also leaves {@link #halt()}. {@code announce} reports the drop as {@code Disconnected}.
     */
    public synchronized void renew(String reason, String message, Duration settle, boolean announce) {
        if (phase == Phase.STOPPED) {
            return;
        }
        connection.close();
        var at = clock.instant().plus(settle);
        waitUntil(at);
        if (announce) {
            events.accept(new EngineEvent.Disconnected(reason, message, at));
        }
    }

    /**
     * A connection sent its first handshake frame (the watchdog's attempt or Cobalt's own reconnect): its login must end
     * ({@link #markHealthy()}) within {@code loginTimeout}. May be called from any thread.
     */
    public synchronized void loginStarted() {
        if (loginStartedAt == null && phase != Phase.STOPPED && phase != Phase.HALTED) {
            loginStartedAt = clock.instant();
        }
    }

    /** Stops reconnecting (banned, logged out) until {@link #start()} or {@link #renew}. */
    public synchronized void halt() {
        if (phase != Phase.STOPPED) {
            phase = Phase.HALTED;
        }
    }

    /** {@code check} runs before each connection; its {@link KeyStoreTakenOver} ends the reconnecting. */
    public synchronized void checkBeforeOpening(Runnable check) {
        beforeOpening = check;
    }

    /**
     * Another pod took the session's key store: the socket is closed and never opened again by this pod, and the
     * session says why ({@code session.disconnected}, reason {@code KeyStoreTakenOver}).
     */
    public synchronized void takenOver(KeyStoreTakenOver fenced) {
        if (phase == Phase.STOPPED || phase == Phase.HALTED) {
            return;
        }
        phase = Phase.HALTED;
        connection.close();
        events.accept(new EngineEvent.Disconnected(TAKEN_OVER, fenced.getMessage(), null));
    }

    /** Stops for good (shutdown). */
    public synchronized void stop() {
        phase = Phase.STOPPED;
    }

    /**
     * A socket is open that no login has been seen completing on ({@link #markHealthy()} would have moved to UP): Cobalt's
     * own reconnect, whose handshake may have begun before {@link #waitUntil} forgot its deadline. Without a deadline
     * from here, a login the server never completes would leave the session Reconnecting for ever (CI, issue 84).
     */
    private void adoptOpenSocket(Instant now) {
        phase = Phase.UP;
        if (loginStartedAt == null) {
            loginStartedAt = now;
        }
    }

    private boolean loginOverdue(Instant now) {
        return loginStartedAt != null && (phase == Phase.UP || phase == Phase.CONNECTING)
                && !now.isBefore(loginStartedAt.plus(loginTimeout));
    }

    private void giveUpLogin() {
        loginStartedAt = null;
        forgetFailure();
        connection.close();
        retryAfterFailure(SessionState.LastError.RECONNECT_STALLED, "WhatsApp did not complete the login within " + loginTimeout.toSeconds()
                + " s (socket open, nothing pending); connecting again");
    }

    private void open(Instant now) {
        try {
            beforeOpening.run();
        } catch (KeyStoreTakenOver fenced) {
            takenOver(fenced);
            return;
        }
        phase = Phase.CONNECTING;
        attemptStartedAt = now;
        events.accept(new EngineEvent.Connecting(failures + 1));
        CompletionStage<?> attempt;
        try {
            attempt = connection.open();
        } catch (RuntimeException cannotOpen) {
            retryAfterFailure("NetworkError", describe(cannotOpen));
            return;
        }
        pendingOpen = attempt;
        attempt.whenComplete((ignored, error) -> {
            if (error != null) {
                onOpenFailed(attempt, error);
            }
        });
    }

    private synchronized void onOpenFailed(CompletionStage<?> attempt, Throwable error) {
        if (phase == Phase.CONNECTING && attempt == pendingOpen && !connection.isOpen()) {
            if (rootOf(error) instanceof RouteFailedException proxyFailed) {
                retryAfterFailure(proxyFailed.reason(), proxyFailed.getMessage());
            } else {
                retryAfterFailure("NetworkError", describe(error));
            }
        }
    }

    private void retryAfterFailure(String reason, String message) {
        var failure = lastFailure;
        var announcedAt = announcedRetryAt;
        forgetFailure();
        if (failure != null && failure.kind() == ConnectionFailure.Kind.RESTART) {
            waitUntil(clock.instant().plus(selfHealGrace));
            return;
        }
        var at = announcedAt != null ? announcedAt : clock.instant().plus(delayAfter(failure));
        failures++;
        waitUntil(at);
        if (announcedAt != null) {
            return;
        }
        events.accept(failure == null
                ? new EngineEvent.Disconnected(reason, message, at)
                : new EngineEvent.Disconnected(failure.reason(), failure.message(), at));
    }

    /** The backoff; after a drop the server explained, at least the time Cobalt gets to reconnect by itself. */
    private Duration delayAfter(ConnectionFailure failure) {
        var delay = backoff.delay(failures);
        return failure != null && delay.compareTo(selfHealGrace) < 0 ? selfHealGrace : delay;
    }

    private void forgetFailure() {
        lastFailure = null;
        announcedRetryAt = null;
    }

    private void waitUntil(Instant at) {
        phase = Phase.WAITING;
        loginStartedAt = null;
        retryAt = at;
        pendingOpen = null;
    }

    private static Throwable rootOf(Throwable error) {
        var cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable error) {
        var cause = rootOf(error);
        var text = cause.getMessage();
        return cause.getClass().getSimpleName() + (text == null || text.isBlank() ? "" : ": " + text);
    }
}
