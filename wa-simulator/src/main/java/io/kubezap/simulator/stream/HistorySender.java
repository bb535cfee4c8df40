package io.kubezap.simulator.stream;

import io.kubezap.simulator.history.HistoryDepth;
import io.kubezap.simulator.history.HistoryPlan;
import io.kubezap.simulator.history.HistorySyncBootstrap;
import io.kubezap.simulator.history.PastChat;
import io.kubezap.simulator.history.PastChats;
import io.kubezap.simulator.history.SentHistorySync;
import io.kubezap.simulator.media.MediaCipher;
import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import io.kubezap.simulator.protobuf.ProtobufReader;
import it.auties.whatsapp.model.jid.Jid;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Phones' past conversations and the history syncs they send: at a companion's first login as deep as it asked when
 * it paired ({@link HistoryDepth}), and on demand (a companion's {@code PeerDataOperationRequestMessage} of type
 * {@code HISTORY_SYNC_ON_DEMAND}). Conversations travel in encrypted blobs on the media host.
 */
final class HistorySender {
    private static final Logger LOG = Logger.getLogger(HistorySender.class.getName());
    private static final String HISTORY_KEYS = "WhatsApp History Keys";
    static final int DEFAULT_MESSAGES_PER_CHUNK = 100;

    private record PhoneHistory(List<PastChat> chats, int messagesPerChunk) {
    }

    private final MediaHost mediaHost;
    private final PhoneDirectory phones;
    private final PrivacyTokens tokens;
    private final Clock clock;
    private final Map<String, HistoryDepth> depths = new ConcurrentHashMap<>();
    private final Map<String, PhoneHistory> histories = new ConcurrentHashMap<>();
    private final Map<String, List<SentHistorySync>> sent = new ConcurrentHashMap<>();

    HistorySender(MediaHost mediaHost, PhoneDirectory phones, Clock clock, PrivacyTokens tokens) {
        this.tokens = tokens;
        this.phones = phones;
        this.mediaHost = mediaHost;
        this.clock = clock;
    }

    /** The companion {@code device} paired asking for {@code depth}. */
    void paired(Jid device, HistoryDepth depth) {
        depths.put(device.toString(), depth);
    }

    HistoryDepth depthOf(Jid device) {
        return depths.getOrDefault(device.toString(), HistoryDepth.RECENT);
    }

    /** Gives {@code phone} past conversations (replacing any), sent to companions linked from now on; returns them. */
    List<PastChat> give(SimulatedPhone phone, PastChats.Request request, int messagesPerChunk) {
        if (messagesPerChunk < 1) {
            throw new IllegalArgumentException("messagesPerChunk must be at least 1");
        }
        var chats = PastChats.generate(request, mediaHost, clock.instant());
        histories.put(phone.number(), new PhoneHistory(chats, messagesPerChunk));
        return chats;
    }

    List<PastChat> pastChats(String number) {
        return Optional.ofNullable(histories.get(number)).map(PhoneHistory::chats).orElse(List.of());
    }

    /** The history sync messages (unpadded {@code Message}s, in sending order) for {@code device}'s first login. */
    List<byte[]> firstSync(SimulatedPhone phone, Jid device) {
        var history = histories.get(phone.number());
        var depth = depthOf(device);
        if (history == null || depth == HistoryDepth.NONE) {
            record(device, SentHistorySync.inlineBootstrap());
            return List.of(HistorySyncBootstrap.message(phone.jid().toString(), phone.pushName(), tokens.nctSalt(phone.number())));
        }
        var chunks = HistoryPlan.chunks(history.chats(), depth, history.messagesPerChunk(), clock.instant());
        LOG.info(() -> phone.number() + " sends " + device + " " + chunks.size() + " history sync chunks (" + depth + ")");
        return chunks.stream().map(chunk -> upload(phone, device, chunk, null)).toList();
    }

    /** The history syncs the phone sent {@code device} (first login and on demand), in sending order. */
    List<SentHistorySync> sentTo(Jid device) {
        return List.copyOf(sent.getOrDefault(device.toString(), List.of()));
    }

    private void record(Jid device, SentHistorySync sync) {
        sent.computeIfAbsent(device.toString(), ignored -> Collections.synchronizedList(new ArrayList<>())).add(sync);
    }

    /**
     * A companion asked its phone for older messages of a chat ({@code PeerDataOperationRequestMessage}): the answer,
     * an {@code ON_DEMAND} history sync, when {@code message} is such a request.
     */
    Optional<byte[]> onDemand(SimulatedPhone phone, Jid device, String requestId, byte[] message) {
        var request = OnDemandRequest.parse(message);
        if (request.isEmpty()) {
            return Optional.empty();
        }
        var chat = pastChats(phone.number()).stream()
                .filter(candidate -> candidate.jid().toString().equals(request.get().chatJid()))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(phone.number() + " has no past chat " + request.get().chatJid()));
        var older = HistoryPlan.olderThan(chat, request.get().oldestMessageId(), request.get().count());
        LOG.info(() -> phone.number() + " answers on-demand request " + requestId + " with " + older.size() + " messages");
        var chunk = new HistoryPlan.Chunk(HistorySyncBootstrap.ON_DEMAND, 0, HistorySyncBootstrap.COMPLETE,
                List.of(new HistorySyncBootstrap.Slice(chat, older)));
        return Optional.of(upload(phone, device, chunk, requestId));
    }

    private byte[] upload(SimulatedPhone phone, Jid device, HistoryPlan.Chunk chunk, String requestId) {
        var plain = HistorySyncBootstrap.historySync(chunk.syncType(), chunk.slices(), chunk.chunkOrder(), chunk.progress(),
                phone.jid().toString(), phone.pushName(), contact -> phones.lidOf(contact.user()), chat -> tokens.ofPastChat(phone, chat), tokens.nctSalt(phone.number()));
        var encrypted = MediaCipher.encrypt(plain, HISTORY_KEYS);
        var upload = mediaHost.storeHistorySync(encrypted.blob());
        var blob = new HistorySyncBootstrap.Blob(encrypted.fileSha256(), encrypted.fileLength(), encrypted.mediaKey(),
                encrypted.fileEncSha256(), upload.directPath());
        record(device, SentHistorySync.of(chunk, upload.directPath(), requestId));
        return HistorySyncBootstrap.notification(blob, chunk.syncType(), chunk.chunkOrder(), chunk.progress(),
                chunk.oldestSeconds(), requestId);
    }

    /**
     * {@code Message.protocolMessage} (12) of type {@code PEER_DATA_OPERATION_REQUEST_MESSAGE} (16), its request (16) of
     * type 3; as a phone reads any copy from its companions, also inside a {@code deviceSentMessage} (31, its message 2),
     * as Baileys sends it.
     */
    record OnDemandRequest(String chatJid, String oldestMessageId, int count) {
        private static final int PROTOCOL_MESSAGE = 12;
        private static final int DEVICE_SENT_MESSAGE = 31;
        private static final int PEER_DATA_OPERATION_REQUEST_MESSAGE = 16;
        private static final int HISTORY_SYNC_ON_DEMAND = 3;

        static Optional<OnDemandRequest> parse(byte[] message) {
            var reader = ProtobufReader.read(message);
            var inner = reader.bytes(DEVICE_SENT_MESSAGE).flatMap(deviceSent -> ProtobufReader.read(deviceSent).bytes(2));
            return inner.map(ProtobufReader::read).orElse(reader).bytes(PROTOCOL_MESSAGE).map(ProtobufReader::read)
                    .filter(protocol -> protocol.uint32(2).orElse(-1) == PEER_DATA_OPERATION_REQUEST_MESSAGE)
                    .flatMap(protocol -> protocol.bytes(PEER_DATA_OPERATION_REQUEST_MESSAGE)).map(ProtobufReader::read)
                    .filter(request -> request.uint32(1).orElse(-1) == HISTORY_SYNC_ON_DEMAND)
                    .flatMap(request -> request.bytes(4)).map(ProtobufReader::read)
                    .map(onDemand -> new OnDemandRequest(onDemand.string(1).orElse(""), onDemand.string(2).orElse(""),
                            onDemand.uint32(4).orElse(50)));
        }
    }
}
