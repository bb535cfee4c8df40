package io.kubezap.kubectl.command;

import io.kubezap.contract.ExpiringCode;
import io.kubezap.kubectl.run.RunOpener;
import io.kubezap.kubectl.run.ZapRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Asks the session for a pairing code for a phone number and prints it. */
@Command(name = "pair", mixinStandardHelpOptions = true,
        description = "Link by pairing code: print the code to type on the phone "
                + "(WhatsApp: Settings > Linked devices > Link a device > Link with phone number instead).")
public class PairCommand implements Runnable {

    @ParentCommand
    RunOpener zap;

    @Parameters(paramLabel = "SESSION")
    String name;

    @Option(names = "--phone", required = true, paramLabel = "NUMBER",
            description = "The phone's number with country code, digits only, e.g. 5511999999999")
    String phone;

    @Override
    public void run() {
        try (ZapRun run = zap.open()) {
            ExpiringCode code = run.api(run.session(name)).pairingCode(phone);
            run.out().println("Pairing code: " + code.code() + " (expires at " + code.expiresAt() + ")");
            run.out().println("On the phone " + phone + ": WhatsApp > Settings > Linked devices > Link a device > "
                    + "Link with phone number instead, then type the code.");
            run.out().flush();
        }
    }
}
