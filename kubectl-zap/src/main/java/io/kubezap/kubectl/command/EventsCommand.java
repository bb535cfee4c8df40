package io.kubezap.kubectl.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.contract.StreamEvent;
import io.kubezap.kubectl.run.RunOpener;
import io.kubezap.kubectl.run.ZapRun;
import io.kubezap.kubectl.sessionapi.SessionClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.List;

/** The session's events (its audit log), oldest first; with -f, then the live stream. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "The session's latest events (messages, status changes, QR, ...), oldest first; -f follows the live stream.")
public class EventsCommand implements Runnable {

    @ParentCommand
    RunOpener zap;

    @Parameters(paramLabel = "SESSION")
    String name;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many past events (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--type", paramLabel = "TYPES", description = "Only these types, comma-separated (e.g. message.received)")
    String type;

    @Option(names = {"-f", "--follow"}, description = "Then print live events as they happen")
    boolean follow;

    @Override
    public void run() {
        try (ZapRun run = zap.open()) {
            SessionClient api = run.api(run.session(name));
            List<JsonNode> latest = api.events(limit, type);
            for (JsonNode event : latest.reversed()) {
                print(run.out(), event);
            }
            if (follow) {
                String newest = latest.isEmpty() ? null : latest.getFirst().path(StreamEvent.ID).asText();
                api.followEvents(type, newest, event -> print(run.out(), event));
            }
        }
    }

    private static void print(PrintWriter out, JsonNode event) {
        out.println(event.path(StreamEvent.OCCURRED_AT).asText() + "  " + event.path(StreamEvent.TYPE).asText() + "  "
                + event.path(StreamEvent.PAYLOAD));
        out.flush();
    }
}
