package io.kubezap.kubectl.command;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.kubectl.run.RunOpener;
import io.kubezap.kubectl.run.ZapRun;
import io.kubezap.kubectl.sessionapi.SessionClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;

/** Draws the session's QR in the terminal, again each time it rotates, until a phone has linked. */
@Command(name = "qr", mixinStandardHelpOptions = true,
        description = "Show the session's QR code in the terminal, redrawn as it rotates, until the phone is linked. "
                + "Scan it with WhatsApp: Settings > Linked devices > Link a device.")
public class QrCommand implements Runnable {

    @ParentCommand
    RunOpener zap;

    @Parameters(paramLabel = "SESSION")
    String name;

    @Mixin
    LinkWait waiting;

    @Override
    public void run() {
        try (ZapRun run = zap.open()) {
            WhatsAppSession session = run.session(name);
            SessionClient api = run.api(session);
            PrintWriter out = run.out();
            LinkProgress progress = new LinkProgress(name, out, waiting.timeout);
            boolean pairingNoted = false;
            while (true) {
                SessionState state = api.state();
                if (progress.linked(state)) {
                    return;
                }
                if (state.phase() == PodPhase.WaitingForQR) {
                    progress.qr(api, state);
                } else if (state.phase() == PodPhase.WaitingForPairingCode && !pairingNoted) {
                    out.println("Session " + name + " links by pairing code: kubectl zap pair " + name + " --phone <number>");
                    out.flush();
                    pairingNoted = true;
                }
                progress.pause(state, waiting.pollInterval);
            }
        }
    }
}
