package io.kubezap.kubectl.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.kubectl.failure.CliFailure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads what the user pastes from the browser tab: one JSON object, on one line or several. */
final class PastedAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader in;
    private final PrintWriter out;

    PastedAnswer(InputStream in, PrintWriter out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    /** The next complete JSON object pasted; text that is not JSON is said and skipped. */
    String next() {
        StringBuilder pasted = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new CliFailure("standard input ended before the passkey's answer (paste the line the browser tab printed)");
            }
            if (pasted.isEmpty() && line.isBlank()) {
                continue;
            }
            pasted.append(pasted.isEmpty() ? "" : "\n").append(line);
            try {
                JSON.readTree(pasted.toString());
                return pasted.toString().strip();
            } catch (JsonEOFException incomplete) {
                // the object goes on on the next line
            } catch (JsonProcessingException notJson) {
                out.println("That is not what the tab printed (not JSON); paste the whole line, it starts with {");
                out.flush();
                pasted.setLength(0);
            }
        }
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
