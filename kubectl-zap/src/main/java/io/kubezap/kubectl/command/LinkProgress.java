package io.kubezap.kubectl.command;

import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.kubectl.failure.CliFailure;
import io.kubezap.kubectl.sessionapi.SessionClient;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What {@code qr} and {@code link} show while a session links: each new QR, then the linked account or the failure. */
final class LinkProgress {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    private final String name;
    private final PrintWriter out;
    private final Instant deadline;
    private final Duration timeout;
    private String shownQr;

    LinkProgress(String name, PrintWriter out, Duration timeout) {
        this.name = name;
        this.out = out;
        this.timeout = timeout;
        this.deadline = Instant.now().plus(timeout);
    }

    /** Whether the phone has linked (said so); throws when the session failed. */
    boolean linked(SessionState state) {
        if (state.phase() == PodPhase.Connected && state.paired()) {
            out.println("Linked: " + state.account().phoneNumber()
                    + (state.account().pushName() == null ? "" : " (" + state.account().pushName() + ")"));
            out.flush();
            return true;
        }
        if (state.phase() == PodPhase.Failed) {
            throw new CliFailure("session " + name + " failed" + (state.lastError() == null ? ""
                    : ": " + state.lastError().reason() + ": " + state.lastError().message()));
        }
        return false;
    }

    /**
     * Draws the QR when it is a new one. It is read from the session's API ({@code …/qr}), never from the resource: its
     * status says only that a QR waits. The state's code is the pod's own, when the session is reached directly (the
     * gateway's view of the resource carries no code): its expiry is told when known.
     */
    void qr(SessionClient api, SessionState state) {
        Optional<String> drawn = api.terminalQr();
        if (drawn.isEmpty() || drawn.get().equals(shownQr)) {
            return;
        }
        shownQr = drawn.get();
        if (System.console() != null) {
            out.print(CLEAR_SCREEN);
        }
        out.print(shownQr);
        ExpiringCode code = state.qr();
        out.println("Scan with WhatsApp (Settings > Linked devices > Link a device); "
                + (code == null || code.expiresAt() == null ? "it expires soon" : "expires at " + code.expiresAt())
                + ", the next one follows.");
        out.flush();
    }

    /** Waits for the next look, or gives up once the timeout has passed. */
    void pause(SessionState state, Duration interval) {
        if (Instant.now().isAfter(deadline)) {
            throw new CliFailure("session " + name + " not linked after " + timeout + " (phase " + state.phase() + ")");
        }
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted", e);
        }
    }
}
