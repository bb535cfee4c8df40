package io.kubezap.kubectl.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.kubectl.run.RunOpener;
import io.kubezap.kubectl.run.ZapRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Queues a text message on the session. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send a text message (queued by the session, sent at its pace).")
public class SendCommand implements Runnable {

    @ParentCommand
    RunOpener zap;

    @Parameters(paramLabel = "SESSION")
    String name;

    @Option(names = "--to", required = true, paramLabel = "NUMBER", description = "Phone number or JID")
    String to;

    @Option(names = "--text", required = true, paramLabel = "TEXT")
    String text;

    @Override
    public void run() {
        try (ZapRun run = zap.open()) {
            JsonNode message = run.api(run.session(name)).sendText(to, text);
            run.out().println("Message " + message.path("id").asText() + " to " + to + ": "
                    + message.path("status").asText("queued"));
            run.out().flush();
        }
    }
}
