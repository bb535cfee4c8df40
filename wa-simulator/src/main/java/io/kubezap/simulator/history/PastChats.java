package io.kubezap.simulator.history;

import io.kubezap.simulator.media.MediaCipher;
import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.media.MediaType;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Past conversations for a phone, made up as a test asks for them: {@code chats} chats with contacts that need not
 * exist, {@code messages} messages of the last days spread over them (the first {@code media} of them images, uploaded
 * to the media host as a phone uploads what it sends) and {@code olderMessages} from about 200 days ago, which only a full
 * sync or an on-demand request brings. Every third message of a chat is the owner's. Chat 1 has 2 unread messages, chat 2 is
 * pinned, chat 3 archived and muted for a week.
 */
public final class PastChats {

    private static final Duration OLDER = Duration.ofDays(200);

    /** What to make up. */
    public record Request(int chats, int messages, int olderMessages, int media) {
        public Request {
            if (chats < 1 || messages < 0 || olderMessages < 0 || media < 0 || media > messages) {
                throw new IllegalArgumentException("chats >= 1, messages >= 0, olderMessages >= 0 and 0 <= media <= messages");
            }
        }
    }

    private PastChats() {
    }

    public static List<PastChat> generate(Request request, MediaHost mediaHost, Instant now) {
        var byChat = new ArrayList<List<PastMessage>>();
        for (int chat = 0; chat < request.chats(); chat++) {
            byChat.add(new ArrayList<>());
        }
        for (int k = 0; k < request.olderMessages(); k++) {
            byChat.get(k % request.chats()).add(text("older " + k, k / request.chats(), now.minus(OLDER).plus(Duration.ofMinutes(k))));
        }
        var recentStart = now.minus(Duration.ofDays(1)).minus(Duration.ofMinutes(request.messages()));
        for (int k = 0; k < request.messages(); k++) {
            var at = recentStart.plus(Duration.ofMinutes(k));
            var inChat = k / request.chats();
            byChat.get(k % request.chats()).add(k < request.media() ? image("picture " + k, k, inChat, at, mediaHost)
                    : text("history " + k, inChat, at));
        }
        var chats = new ArrayList<PastChat>();
        for (int chat = 0; chat < request.chats(); chat++) {
            var messages = byChat.get(chat).stream().sorted(Comparator.comparing(PastMessage::at)).toList();
            var jid = Jid.of(String.valueOf(5511980000001L + chat), JidServer.whatsapp());
            chats.add(new PastChat(jid, "Contato " + (chat + 1), messages, chat == 0 ? 2 : 0, chat == 2,
                    chat == 1 ? now.minus(Duration.ofDays(1)).getEpochSecond() : 0,
                    chat == 2 ? now.plus(Duration.ofDays(7)).getEpochSecond() : 0));
        }
        return List.copyOf(chats);
    }

    /** {@code inChat}: the message's place in its chat; every third is the owner's. */
    private static PastMessage text(String text, int inChat, Instant at) {
        return new PastMessage(newId(), inChat % 3 == 2, at, new ProtobufWriter().string(1, text).toByteArray(), "text", text);
    }

    private static PastMessage image(String caption, int k, int inChat, Instant at, MediaHost mediaHost) {
        var data = ("kubezap history picture " + k).getBytes(StandardCharsets.UTF_8);
        var encrypted = MediaCipher.encrypt(data, MediaType.IMAGE);
        var upload = mediaHost.store(MediaType.IMAGE, encrypted.blob());
        var message = new MediaMessage(MediaType.IMAGE, upload.url(), upload.directPath(), encrypted.mediaKey(),
                encrypted.fileSha256(), encrypted.fileEncSha256(), encrypted.fileLength(), at.getEpochSecond(), "image/png",
                caption, null, null, null, null, null).toMessage();
        return new PastMessage(newId(), inChat % 3 == 2, at, message, "image", caption);
    }

    private static String newId() {
        var bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "3EB0" + HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
