package io.kubezap.kubectl.command;

import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.PasskeyBrowserSnippet;
import io.kubezap.contract.PasskeyChallenge;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.kubectl.run.RunOpener;
import io.kubezap.kubectl.run.ZapRun;
import io.kubezap.kubectl.sessionapi.PasskeyAnswer;
import io.kubezap.kubectl.sessionapi.SessionClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;

/**
 * Walks a terminal user through linking: the QR (or, with {@code --phone}, the pairing code), then, for a
 * passkey-protected account, the snippet to run on web.whatsapp.com and the pasted answer, until the session is linked.
 */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = "Link the session's phone: shows the QR as it rotates (or, with --phone, the pairing code), and "
                + "when WhatsApp asks for the account's passkey, the snippet to run in a browser tab on web.whatsapp.com; "
                + "paste what the tab prints. Ends when the session is linked.")
public class LinkCommand implements Runnable {

    @ParentCommand
    RunOpener zap;

    @Parameters(paramLabel = "SESSION")
    String name;

    @Option(names = "--phone", paramLabel = "NUMBER",
            description = "Link by pairing code for this phone (country code, digits only) instead of the QR")
    String phone;

    @Mixin
    LinkWait waiting;

    private PrintWriter out;
    private PastedAnswer pasted;
    private String shownChallenge;
    /** The challenge WhatsApp took an answer to: while the state still shows it, the link is completing. */
    private String answeredChallenge;
    private boolean codeRequested;
    private String shownPairingCode;

    @Override
    public void run() {
        try (ZapRun run = zap.open()) {
            SessionClient api = run.api(run.session(name));
            out = run.out();
            pasted = new PastedAnswer(run.in(), out);
            LinkProgress progress = new LinkProgress(name, out, waiting.timeout);
            while (true) {
                SessionState state = api.state();
                if (progress.linked(state)) {
                    return;
                }
                if (state.phase() == PodPhase.WaitingForPasskey) {
                    answerPasskey(api);
                } else if (phone != null && waitsForACode(state) && !codeRequested) {
                    pairingCode(api);
                } else if (phone == null && state.phase() == PodPhase.WaitingForQR) {
                    progress.qr(api, state);
                } else if (phone == null && state.phase() == PodPhase.WaitingForPairingCode) {
                    shownCode(state.pairingCode());
                }
                progress.pause(state, waiting.pollInterval);
            }
        }
    }

    private static boolean waitsForACode(SessionState state) {
        return state.phase() == PodPhase.WaitingForQR || state.phase() == PodPhase.WaitingForPairingCode;
    }

    private void pairingCode(SessionClient api) {
        codeRequested = true;
        shownCode(api.pairingCode(phone));
    }

    /** Prints a pairing code the first time it is seen (the session's own, when its spec asks for one, or ours). */
    private void shownCode(ExpiringCode code) {
        if (code == null || code.code().equals(shownPairingCode)) {
            return;
        }
        shownPairingCode = code.code();
        out.println("Pairing code: " + code.code() + " (expires at " + code.expiresAt() + ")");
        out.println("On the phone" + (phone == null ? "" : " " + phone) + ": WhatsApp > Settings > Linked devices > "
                + "Link a device > Link with phone number instead, then type the code.");
        out.flush();
    }

    /** Shows a new challenge's snippet, then sends what is pasted until WhatsApp takes it or the challenge expires. */
    private void answerPasskey(SessionClient api) {
        PasskeyChallenge challenge = api.passkeyChallenge().orElse(null);
        if (challenge == null || challenge.challenge().equals(answeredChallenge)) {
            return;
        }
        if (!challenge.challenge().equals(shownChallenge)) {
            showSnippet(challenge);
            shownChallenge = challenge.challenge();
        }
        while (true) {
            PasskeyAnswer answer = api.answerPasskey(pasted.next());
            switch (answer.outcome()) {
                case ACCEPTED -> {
                    answeredChallenge = challenge.challenge();
                    out.println("WhatsApp took the passkey answer; the session links now.");
                    out.flush();
                    return;
                }
                case REFUSED -> out.println("Refused: " + answer.why() + "\nTry again with the same challenge: "
                        + "run the snippet again in the web.whatsapp.com tab and paste what it prints.");
                case EXPIRED -> {
                    out.println("Too late: " + answer.why() + "\nA new challenge follows.");
                    out.flush();
                    return;
                }
            }
            out.flush();
        }
    }

    private void showSnippet(PasskeyChallenge challenge) {
        out.println("WhatsApp asks for this account's passkey (the challenge expires at " + challenge.expiresAt() + ").");
        out.println("Open https://web.whatsapp.com in a browser tab that can use the passkey, open its console (F12),");
        out.println("run this, confirm with your passkey, then paste here the line it prints:");
        out.println();
        try {
            out.println(PasskeyBrowserSnippet.forChallenge(challenge));
        } catch (IllegalArgumentException notOneObject) {
            out.println("(no snippet: " + notOneObject.getMessage() + "; not printed, as it would run in your browser)");
        }
        out.println();
        out.flush();
    }
}
