package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.config.ChatwootSettings;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.egress.CheckedHttp;
import io.kubezap.session.event.EventSignal;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.group.GroupRepository;
import io.kubezap.session.group.GroupSummary;
import io.kubezap.session.media.MediaFiles;
import io.kubezap.session.media.MediaIntake;
import io.kubezap.session.message.MediaInfo;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.outbound.SendIntake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/** The connector's parts, wired for one session: made only when {@code spec.chatwoot} is set. */
final class ChatwootParts {

    /** Chatwoot's own default upload limit is 40 MB: a larger file is mirrored as its caption and kind only. */
    static final long MAX_ATTACHMENT = 40L * 1000 * 1000;

    private ChatwootParts() {
    }

    static ChatwootConnector assemble(ChatwootSettings settings, SessionSettings session, SessionDb db, ObjectMapper json,
                                      CheckedHttp http, SendIntake sends, MessageRepository messages, GroupRepository groups, MediaFiles media,
                                      MediaIntake intake,
                                      EventSignal signal, String webhookBaseUrl, String webhookPath) {
        long accountId = settings.accountId().orElseThrow(() -> new IllegalStateException("KUBEZAP_CHATWOOT_ACCOUNT_ID is not set"));
        String token = settings.apiAccessToken().orElseThrow(() -> new IllegalStateException("KUBEZAP_CHATWOOT_API_ACCESS_TOKEN is not set"));
        ChatwootClient client = new ChatwootClient(settings.url().orElseThrow(), accountId, token, settings.timeout(), http, json);
        ChatwootStore store = new ChatwootStore(db, json);
        ChatwootInbox inbox = new ChatwootInbox(client, store, accountId, settings.inboxId(),
                settings.inboxName().filter(name -> !name.isBlank()).orElse(session.name()), webhookBaseUrl, webhookPath,
                settings.importMessages() ? OptionalInt.of(settings.daysLimitImportMessages()) : OptionalInt.empty());
        Function<String, Optional<ChatwootClient.Attachment>> files = id -> messages.find(id).flatMap(message -> file(media, message));
        Function<String, Optional<JsonNode>> stored = id -> messages.find(id).map(json::<JsonNode>valueToTree);
        return new ChatwootConnector(store, inbox,
                linked -> new ChatwootMirror(client, store, new ChatwootConversations(client, store, linked.inboxId()), files, stored,
                        jid -> db.read(handle -> groups.find(handle, jid)).map(GroupSummary::subject).filter(name -> !name.isBlank())),
                linked -> new ChatwootReplies(store, client, sends, new ChatwootAttachments(intake), linked), signal, ChatwootLauncher.backoff(settings),
                settings.importSettle());
    }

    /** A message's file as Chatwoot takes it; none when it is gone, too large or cannot be had now. */
    private static Optional<ChatwootClient.Attachment> file(MediaFiles media, Message message) {
        MediaInfo info = message.media();
        if (info == null || info.size() != null && info.size() > MAX_ATTACHMENT) {
            return Optional.empty();
        }
        try {
            MediaFiles.StoredMedia stored = media.fileOf(message);
            try (InputStream in = media.read(stored, 0, stored.size())) {
                String name = info.fileName() != null ? info.fileName() : message.type() + extension(info.mimeType());
                String mime = info.mimeType() != null ? info.mimeType() : "application/octet-stream";
                return Optional.of(new ChatwootClient.Attachment(name, mime, in.readAllBytes()));
            }
        } catch (Failure | IOException | UncheckedIOException unavailable) {
            return Optional.empty();
        }
    }

    private static String extension(String mimeType) {
        if (mimeType == null || !mimeType.contains("/")) {
            return "";
        }
        String subtype = mimeType.substring(mimeType.indexOf('/') + 1).split(";")[0].trim();
        return "." + subtype;
    }
}
