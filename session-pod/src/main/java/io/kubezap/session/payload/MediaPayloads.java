package io.kubezap.session.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.contract.payload.MediaPayload;
import io.kubezap.contract.payload.SignedMediaUrl;
import io.kubezap.session.config.PayloadSettings;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.media.MediaFiles;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a message's file travels in an event as it leaves for a webhook or a broker ({@code spec.events.payload}): as a
 * signed link that expires ({@code media.url}, {@code media.urlExpiresAt}; {@link SignedMediaUrl}) or inline
 * ({@code media.base64}) when at most the set size, else as the link. Done as each attempt leaves, not when the event is
 * recorded: a link counts its expiry from the attempt that carries it (a retry hours later carries a fresh one), a file
 * downloaded after the event was recorded can still go inline, and neither the link nor the file is ever kept in the
 * event or the delivery log. An event without a message's file passes unchanged, unparsed.
 */
@Singleton
public class MediaPayloads {

    private static final Logger LOG = Logger.getLogger(MediaPayloads.class);

    private final PayloadSettings settings;
    private final Supplier<SessionSettings> session;
    private final InlineFiles files;
    private final ObjectMapper json;
    private final Clock clock;

    /** A message's whole file when it can be had now and has at most {@code maxBytes}; empty otherwise. */
    @FunctionalInterface
    interface InlineFiles {
        Optional<byte[]> read(String messageId, long maxBytes);
    }

    @Inject
    public MediaPayloads(PayloadSettings settings, HostedSessions sessions, MessageRepository messages, MediaFiles files,
                         ObjectMapper json) {
        this(settings, sessions::currentSettings, (id, max) -> inline(messages, files, id, max), json, Clock.systemUTC());
    }

    MediaPayloads(PayloadSettings settings, Supplier<SessionSettings> session, InlineFiles files, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.session = session;
        this.files = files;
        this.json = json;
        this.clock = clock;
    }

    /** A webhook delivery's envelope ({@code {event, …, data}}) with its data's file shaped. */
    public String envelope(String envelope) {
        return shaped(envelope, true);
    }

    /** An event's payload (a sink's CloudEvent data) with its file shaped. */
    public String data(String payload) {
        return shaped(payload, false);
    }

    private String shaped(String text, boolean enveloped) {
        if (text == null || !text.contains("\"media\"") || !wanted()) {
            return text;
        }
        try {
            JsonNode root = json.readTree(text);
            JsonNode data = enveloped ? root.path("data") : root;
            if (!(data.path("media") instanceof ObjectNode media) || !data.path("id").isTextual()
                    || !media.path("sha256").isTextual()) {
                return text;
            }
            shape(data.path("id").asText(), media);
            return json.writeValueAsString(root);
        } catch (JsonProcessingException unreadable) {
            return text;
        }
    }

    private boolean wanted() {
        return settings.mediaUrlBase().isPresent() || settings.media() == MediaPayload.Base64;
    }

    private void shape(String messageId, ObjectNode media) {
        if (settings.media() == MediaPayload.Base64 && media.path("size").asLong(Long.MAX_VALUE) <= settings.base64MaxSize().asLongValue()) {
            Optional<byte[]> inline = files.read(messageId, settings.base64MaxSize().asLongValue());
            if (inline.isPresent()) {
                media.put("base64", Base64.getEncoder().encodeToString(inline.get()));
                return;
            }
        }
        settings.mediaUrlBase().ifPresent(base -> {
            Instant expiresAt = clock.instant().plus(settings.mediaUrlExpiry());
            SessionSettings session = this.session.get();
            media.put("url", base.replaceAll("/+$", "") + SignedMediaUrl.path(messageId) + "?"
                    + SignedMediaUrl.query(session.apiKey(), session.namespace(), session.name(), messageId, expiresAt));
            media.put("urlExpiresAt", expiresAt.toString());
        });
    }

    /** The stored file (fetched from WhatsApp if needed), or empty when it cannot be had now (gone, WhatsApp away). */
    private static Optional<byte[]> inline(MessageRepository messages, MediaFiles files, String messageId, long maxBytes) {
        Optional<Message> message = messages.find(messageId);
        if (message.isEmpty() || message.get().media() == null) {
            return Optional.empty();
        }
        try {
            MediaFiles.StoredMedia file = files.fileOf(message.get());
            if (file.size() > maxBytes) {
                return Optional.empty();
            }
            try (InputStream in = files.read(file, 0, file.size())) {
                return Optional.of(in.readAllBytes());
            }
        } catch (Failure | IOException | UncheckedIOException notNow) {
            LOG.infof("The file of message %s goes as a link, not inline: %s", messageId, notNow.getMessage());
            return Optional.empty();
        }
    }
}
