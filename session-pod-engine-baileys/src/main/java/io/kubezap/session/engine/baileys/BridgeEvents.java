package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.contract.Account;
import io.kubezap.contract.SessionState;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppRestrictions;
import io.kubezap.session.engine.MediaFacts;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.RawMessage;
import io.kubezap.session.engine.LinkPreview;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.MessageTraits;
import io.kubezap.session.engine.MessageUpdate;
import io.kubezap.session.engine.StatusPost;
import io.kubezap.session.engine.WhatsAppRoute;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The bridge's events (PROTOCOL.md) as the session's {@link EngineEvent}s; {@code auth} and {@code keys} are not among them. */
final class BridgeEvents {

    private final Clock clock;
    private final WhatsAppRoute route;
    private int attempt;

    BridgeEvents(Clock clock, WhatsAppRoute route) {
        this.clock = clock;
        this.route = route;
    }

    Optional<EngineEvent> toEngineEvent(JsonNode line) {
        return Optional.ofNullable(switch (line.path("event").asText()) {
            case "connecting" -> new EngineEvent.Connecting(++attempt);
            case "qr" -> new EngineEvent.QrIssued(line.path("qr").asText(), clock.instant().plusMillis(line.path("ttlMs").asLong()));
            case "passkey" -> new EngineEvent.PasskeyRequested(line.path("requestOptions").asText(), line.path("challenge").asText(),
                    line.path("rpId").asText(), Instant.ofEpochMilli(line.path("expiresAt").asLong()));
            case "open" -> opened(line);
            case "account" -> new EngineEvent.AccountUpdated(account(line));
            case "closed" -> closed(line);
            case "message" -> new EngineEvent.MessageReceived(message(line));
            case "update" -> updated(line);
            case "disappearing" -> new EngineEvent.DisappearingChanged(line.path("id").asText(), line.path("chat").asText(),
                    line.path("sender").asText(), line.path("fromMe").asBoolean(), line.path("seconds").asInt(),
                    Instant.ofEpochMilli(line.path("timestamp").asLong()));
            case "defaultDisappearing" -> new EngineEvent.DefaultDisappearingChanged(line.path("seconds").asInt(),
                    Instant.ofEpochMilli(line.path("at").asLong()));
            case "restrictions" -> new EngineEvent.RestrictionsTold(
                    WhatsAppRestrictions.of(line.get("timelock"), line.get("capping")));
            case "business" -> new EngineEvent.BusinessNameSeen(line.path("jid").asText(), line.path("name").asText());
            case "presence" -> new EngineEvent.PresenceUpdated(line.path("jid").asText(),
                    EngineEvent.PresenceState.valueOf(line.path("state").asText()), instant(line, "lastSeen"), text(line, "chat"),
                    Instant.ofEpochMilli(line.path("at").asLong()));
            case "call" -> new EngineEvent.CallUpdated(line.path("id").asText(), line.path("caller").asText(),
                    line.path("video").asBoolean(), EngineEvent.CallState.valueOf(line.path("state").asText()),
                    Instant.ofEpochMilli(line.path("at").asLong()), line.path("offline").asBoolean());
            case "receipt" -> new EngineEvent.ReceiptReceived(line.path("id").asText(), line.path("chat").asText(),
                    EngineEvent.Receipt.valueOf(line.path("receipt").asText()), Instant.ofEpochMilli(line.path("at").asLong()),
                    text(line, "participant"));
            case "history" -> BridgeHistory.batch(line);
            case "historyDeferred" -> new EngineEvent.HistoryDeferred(BridgeHistory.blob(line), line.path("reason").asText());
            case "chat" -> BridgeChatChanges.chatChanged(line);
            case "label" -> BridgeChatChanges.labelEdited(line);
            case "contact" -> new EngineEvent.ContactSaved(line.path("jid").asText(), line.path("name").asText(), text(line, "firstName"));
            case "group" -> groupNotified(line);
            case "address" -> new EngineEvent.AddressLearned(line.path("lid").asText(), line.path("pn").asText(),
                    line.path("source").asText());
            default -> null;
        });
    }

    /** The bridge's {@code group} event: what a group notification changed, as the Cobalt adapter reports one. */
    private static EngineEvent groupNotified(JsonNode line) {
        var changes = new java.util.ArrayList<io.kubezap.session.engine.GroupChange>();
        if (line.hasNonNull("created")) {
            changes.add(new io.kubezap.session.engine.GroupChange.Created(BaileysGroups.group(line.path("created"))));
        }
        if (line.hasNonNull("action")) {
            var participants = new java.util.ArrayList<String>();
            line.path("participants").forEach(participant -> participants.add(participant.asText()));
            changes.add(new io.kubezap.session.engine.GroupChange.Participants(line.path("action").asText(), participants,
                    text(line, "reason")));
        }
        var changed = line.path("changes");
        if (changed.has("subject")) {
            changes.add(new io.kubezap.session.engine.GroupChange.Subject(changed.path("subject").asText()));
        }
        if (changed.has("description")) {
            changes.add(new io.kubezap.session.engine.GroupChange.Description(text(changed, "description")));
        }
        if (changed.has("announce")) {
            changes.add(new io.kubezap.session.engine.GroupChange.Announce(changed.path("announce").asBoolean()));
        }
        if (changed.has("locked")) {
            changes.add(new io.kubezap.session.engine.GroupChange.Locked(changed.path("locked").asBoolean()));
        }
        extras(changed, changes);
        return changes.isEmpty() ? null : new EngineEvent.GroupNotified(null, line.path("group").asText(), text(line, "by"),
                Instant.ofEpochMilli(line.path("at").asLong()), changes);
    }

    /** The group extras a notification changed (PROTOCOL.md, "Group extras"). */
    private static void extras(JsonNode changed, List<io.kubezap.session.engine.GroupChange> changes) {
        if (changed.has("ephemeral")) {
            changes.add(new io.kubezap.session.engine.GroupChange.Ephemeral(changed.path("ephemeral").asLong()));
        }
        if (changed.has("memberAddMode")) {
            changes.add(new io.kubezap.session.engine.GroupChange.MemberAddMode(changed.path("memberAddMode").asText()));
        }
        if (changed.has("joinApproval")) {
            changes.add(new io.kubezap.session.engine.GroupChange.JoinApproval(changed.path("joinApproval").asBoolean()));
        }
        if (changed.has("picture")) {
            changes.add(new io.kubezap.session.engine.GroupChange.Picture(text(changed, "picture")));
        }
        if (changed.has("joinRequests")) {
            var requests = changed.path("joinRequests");
            changes.add(new io.kubezap.session.engine.GroupChange.JoinRequests(requests.path("action").asText(),
                    texts(requests.path("participants")), text(requests, "method")));
        }
        if (changed.has("link")) {
            var link = changed.path("link");
            changes.add(new io.kubezap.session.engine.GroupChange.Link(link.path("group").asText(), link.path("linked").asBoolean()));
        }
    }

    private EngineEvent opened(JsonNode line) {
        attempt = 0;
        return new EngineEvent.Connected(account(line));
    }

    private static Account account(JsonNode line) {
        String jid = line.path("jid").asText();
        return new Account(jid, jid.substring(0, jid.indexOf('@')), text(line, "name"));
    }

    private EngineEvent closed(JsonNode line) {
        String message = "Baileys: " + line.path("message").asText() + " (" + line.path("code").asText("no code") + ")";
        if (line.path("loggedOut").asBoolean()) {
            return new EngineEvent.LoggedOut("LoggedOut", message);
        }
        if (line.path("banned").asBoolean()) {
            return new EngineEvent.Banned("Banned", message);
        }
        var retryAt = clock.instant().plusMillis(line.path("retryInMs").asLong());
        if (line.path("outdated").asBoolean()) {
            return new EngineEvent.Disconnected(SessionState.LastError.CLIENT_OUTDATED,
                    io.kubezap.session.engine.version.WebVersions.refusal(line.path("version").asText(), message), retryAt);
        }
        if (line.path("stalled").asBoolean()) {
            return new EngineEvent.Disconnected(SessionState.LastError.RECONNECT_STALLED, message, retryAt);
        }
        if (line.path("conflict").asBoolean()) {
            return new EngineEvent.Disconnected("Conflict", message + ": another connection replaced this one", retryAt);
        }
        // through the session's proxy, the bridge only sees its socket fail: the relay knows why
        var proxyFailure = route.lastFailure();
        if (proxyFailure.isPresent()) {
            return new EngineEvent.Disconnected(proxyFailure.get().reason(), proxyFailure.get().message(), retryAt);
        }
        return new EngineEvent.Disconnected(line.path("code").asInt() == 515 ? "RestartRequired" : "ConnectionFailure", message, retryAt);
    }

    static EngineEvent.IncomingMessage message(JsonNode line) {
        List<String> mentions = new ArrayList<>();
        line.path("mentions").forEach(mention -> mentions.add(mention.asText()));
        return new EngineEvent.IncomingMessage(line.path("id").asText(), line.path("chat").asText(), line.path("sender").asText(),
                text(line, "pushName"), content(line), text(line, "quotedId"), mentions,
                Instant.ofEpochMilli(line.path("timestamp").asLong()), line.path("fromMe").asBoolean(),
                traits(line),
                line.path("raw").isObject() ? RawMessage.of(line.path("raw").toString()) : null);
    }

    /** What a {@code message} line holds: a text, a file, a structured kind, or a kind the pod does not read. */
    static MessageContent content(JsonNode line) {
        String text = text(line, "text");
        JsonNode media = line.path("media");
        MessageContent structured = text == null && !media.isObject() ? BridgeBlocks.of(line) : null;
        return text != null ? new MessageContent.Text(text)
                : media.isObject() ? media(media)
                : structured != null ? structured
                : new MessageContent.Other(kind(line.path("kind").asText("unknown")), null);
    }

    /**
     * Forwarded, view once, a link preview, the disappearing timer, a text status's look, the album the message carried
     * and a channel post's number in its channel (PROTOCOL.md, {@code message}).
     */
    private static MessageTraits traits(JsonNode line) {
        JsonNode card = line.path("linkPreview");
        LinkPreview preview = card.isObject() ? new LinkPreview(text(card, "matchedText"), text(card, "url"), text(card, "title"),
                text(card, "description"), text(card, "thumbnail")) : null;
        JsonNode look = line.path("statusLook");
        StatusPost status = look.isObject() ? new StatusPost(text(look, "backgroundColor"),
                look.hasNonNull("font") ? look.path("font").asInt() : null, null) : null;
        var traits = new MessageTraits(line.path("forwarded").asBoolean(), line.path("forwardingScore").asInt(),
                line.path("viewOnce").asBoolean(), preview, status).expiringAfter(line.path("expiration").asInt())
                .inAlbum(text(line, "albumId"));
        return line.path("channelServerId").isNumber() ? traits.inChannel(line.path("channelServerId").asLong()) : traits;
    }

    private static MessageContent.Media media(JsonNode media) {
        var kind = MediaKind.valueOf(media.path("kind").asText());
        long size = media.path("size").asLong();
        var locator = new MediaLocator(kind, text(media, "url"), text(media, "directPath"), text(media, "mediaKey"),
                text(media, "fileSha256"), text(media, "fileEncSha256"), size);
        String mimeType = text(media, "mimeType");
        return new MessageContent.Media(kind, mimeType == null ? kind.defaultMimeType() : mimeType, size, text(media, "sha256"),
                text(media, "fileName"), text(media, "caption"), locator, facts(media));
    }

    /** What the sender's app wrote besides the file (PROTOCOL.md, {@code message}), each absent when it wrote none. */
    private static MediaFacts facts(JsonNode media) {
        return new MediaFacts(number(media, "seconds"), bytes(media, "waveform"), number(media, "width"), number(media, "height"),
                bytes(media, "thumbnail"), media.path("animated").isBoolean() ? media.path("animated").asBoolean() : null,
                media.path("gifPlayback").asBoolean(false) ? Boolean.TRUE : null);
    }

    private static Integer number(JsonNode node, String field) {
        return node.path(field).isNumber() ? node.path(field).asInt() : null;
    }

    private static byte[] bytes(JsonNode node, String field) {
        String base64 = text(node, field);
        return base64 == null ? null : java.util.Base64.getDecoder().decode(base64);
    }

    /**
     * A reaction, an edit, a deletion for everyone, a poll vote, an event answer or a photo's or video's HD original
     * ({@code hd}: the file) of the message {@code target} names.
     */
    private static EngineEvent.MessageUpdated updated(JsonNode line) {
        JsonNode target = line.path("target");
        MessageUpdate update = line.has("reaction") ? new MessageUpdate.Reaction(line.path("reaction").asText())
                : line.has("edit") ? new MessageUpdate.Edit(line.path("edit").asText())
                : line.has("vote") ? new MessageUpdate.PollVote(texts(line.path("vote")))
                : line.has("eventResponse") ? new MessageUpdate.EventResponse(line.path("eventResponse").asText())
                : line.path("hd").isObject() ? new MessageUpdate.HdCopy(media(line.path("hd")))
                : new MessageUpdate.Revoke();
        return new EngineEvent.MessageUpdated(line.path("id").asText(), new MessageRef(target.path("chat").asText(),
                target.path("id").asText(), target.path("fromMe").asBoolean(), text(target, "sender")),
                line.path("sender").asText(), line.path("fromMe").asBoolean(), update, Instant.ofEpochMilli(line.path("timestamp").asLong()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static Instant instant(JsonNode line, String field) {
        JsonNode millis = line.get(field);
        return millis == null || millis.isNull() ? null : Instant.ofEpochMilli(millis.asLong());
    }

    /** Baileys' message key as WhatsApp's name for the kind: {@code liveLocationMessage} is {@code live_location}. */
    private static String kind(String baileysKey) {
        return baileysKey.replaceFirst("Message$", "").replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
