package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.contract.Account;
import io.kubezap.contract.SessionState;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageContent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The bridge's events (PROTOCOL.md) as the session's {@link EngineEvent}s; {@code auth} and {@code keys} are not among them. */
final class BridgeEvents {

    private final Clock clock;
    private int attempt;

    BridgeEvents(Clock clock) {
        this.clock = clock;
    }

    Optional<EngineEvent> toEngineEvent(JsonNode line) {
        return Optional.ofNullable(switch (line.path("event").asText()) {
            case "connecting" -> new EngineEvent.Connecting(++attempt);
            case "qr" -> new EngineEvent.QrIssued(line.path("qr").asText(), clock.instant().plusMillis(line.path("ttlMs").asLong()));
            case "open" -> opened(line);
            case "closed" -> closed(line);
            case "message" -> new EngineEvent.MessageReceived(message(line));
            case "receipt" -> new EngineEvent.ReceiptReceived(line.path("id").asText(), line.path("chat").asText(),
                    EngineEvent.Receipt.valueOf(line.path("receipt").asText()), Instant.ofEpochMilli(line.path("at").asLong()),
                    text(line, "participant"));
            default -> null;
        });
    }

    private EngineEvent opened(JsonNode line) {
        attempt = 0;
        String jid = line.path("jid").asText();
        return new EngineEvent.Connected(new Account(jid, jid.substring(0, jid.indexOf('@')), text(line, "name")));
    }

    private EngineEvent closed(JsonNode line) {
        String message = "Baileys: " + line.path("message").asText() + " (" + line.path("code").asText("no code") + ")";
        if (line.path("loggedOut").asBoolean()) {
            return new EngineEvent.LoggedOut("LoggedOut", message);
        }
        if (line.path("banned").asBoolean()) {
            return new EngineEvent.Banned("Banned", message);
        }
        String reason = line.path("outdated").asBoolean() ? SessionState.LastError.CLIENT_OUTDATED
                : line.path("code").asInt() == 515 ? "RestartRequired" : "ConnectionFailure";
        return new EngineEvent.Disconnected(reason, message, clock.instant().plusMillis(line.path("retryInMs").asLong()));
    }

    private static EngineEvent.IncomingMessage message(JsonNode line) {
        String text = text(line, "text");
        MessageContent content = text != null ? new MessageContent.Text(text) : new MessageContent.Other(kind(line.path("kind").asText("unknown")), null);
        List<String> mentions = new ArrayList<>();
        line.path("mentions").forEach(mention -> mentions.add(mention.asText()));
        return new EngineEvent.IncomingMessage(line.path("id").asText(), line.path("chat").asText(), line.path("sender").asText(),
                text(line, "pushName"), content, text(line, "quotedId"), mentions,
                Instant.ofEpochMilli(line.path("timestamp").asLong()), line.path("fromMe").asBoolean());
    }

    /** Baileys' message key as WhatsApp's name for the kind: {@code liveLocationMessage} is {@code live_location}. */
    private static String kind(String baileysKey) {
        return baileysKey.replaceFirst("Message$", "").replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
