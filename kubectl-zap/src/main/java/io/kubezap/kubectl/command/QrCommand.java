package io.kubezap.kubectl.command;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.kubectl.failure.CliFailure;
import io.kubezap.kubectl.run.RunOpener;
import io.kubezap.kubectl.run.ZapRun;
import io.kubezap.kubectl.sessionapi.SessionClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Draws the session's QR in the terminal, again each time it rotates, until a phone has linked. */
@Command(name = "qr", mixinStandardHelpOptions = true,
        description = "Show the session's QR code in the terminal, redrawn as it rotates, until the phone is linked. "
                + "Scan it with WhatsApp: Settings > Linked devices > Link a device.")
public class QrCommand implements Runnable {

    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @ParentCommand
    RunOpener zap;

    @Parameters(paramLabel = "SESSION")
    String name;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10M",
            description = "Give up after this long, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "PT1S", hidden = true)
    Duration pollInterval;

    @Override
    public void run() {
        try (ZapRun run = zap.open()) {
            WhatsAppSession session = run.session(name);
            SessionClient api = run.api(session);
            PrintWriter out = run.out();
            Instant deadline = Instant.now().plus(timeout);
            String shown = null;
            boolean pairingNoted = false;
            while (true) {
                SessionState state = api.state();
                if (state.phase() == PodPhase.Connected && state.paired()) {
                    out.println("Linked: " + state.account().phoneNumber()
                            + (state.account().pushName() == null ? "" : " (" + state.account().pushName() + ")"));
                    out.flush();
                    return;
                }
                if (state.phase() == PodPhase.Failed) {
                    throw new CliFailure("session " + name + " failed" + (state.lastError() == null ? ""
                            : ": " + state.lastError().reason() + ": " + state.lastError().message()));
                }
                if (state.phase() == PodPhase.WaitingForQR) {
                    Optional<String> drawn = api.terminalQr();
                    if (drawn.isPresent() && !drawn.get().equals(shown)) {
                        draw(out, drawn.get(), state.qr());
                        shown = drawn.get();
                    }
                } else if (state.phase() == PodPhase.WaitingForPairingCode && !pairingNoted) {
                    out.println("Session " + name + " links by pairing code: kubectl zap pair " + name + " --phone <number>");
                    out.flush();
                    pairingNoted = true;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new CliFailure("session " + name + " not linked after " + timeout + " (phase " + state.phase() + ")");
                }
                sleep();
            }
        }
    }

    /**
     * The QR is read from the session's API ({@code …/qr}), never from the resource: its status says only that a QR
     * waits. {@code code} is the pod's own state's, when the session is reached directly (the gateway's view of the
     * resource carries no code): its expiry is told when known.
     */
    private static void draw(PrintWriter out, String qr, ExpiringCode code) {
        if (System.console() != null) {
            out.print(CLEAR_SCREEN);
        }
        out.print(qr);
        out.println("Scan with WhatsApp (Settings > Linked devices > Link a device); "
                + (code == null || code.expiresAt() == null ? "it expires soon" : "expires at " + code.expiresAt())
                + ", the next one follows.");
        out.flush();
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted", e);
        }
    }
}
