package io.kubezap.kubectl.sessionapi;

import java.util.function.Consumer;
import java.util.stream.Stream;

/** The data of each event of a text/event-stream (comments, ids and event names skipped: the data carries them). */
final class ServerSentEvents {

    private final Consumer<String> sink;
    private final StringBuilder data = new StringBuilder();

    ServerSentEvents(Consumer<String> sink) {
        this.sink = sink;
    }

    void feed(Stream<String> lines) {
        lines.forEach(this::line);
    }

    private void line(String line) {
        if (line.isEmpty()) {
            if (!data.isEmpty()) {
                sink.accept(data.toString());
                data.setLength(0);
            }
        } else if (line.startsWith("data:")) {
            if (!data.isEmpty()) {
                data.append('\n');
            }
            data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
        }
    }
}
