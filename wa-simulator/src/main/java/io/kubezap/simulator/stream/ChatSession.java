package io.kubezap.simulator.stream;

import io.kubezap.simulator.noise.NoiseException;
import io.kubezap.simulator.noise.NoiseResponder;
import io.kubezap.simulator.noise.TransportCipher;
import io.kubezap.simulator.noise.X25519;
import io.kubezap.simulator.phone.PairingOffer;
import io.kubezap.simulator.binary.NodeCodec;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.auth.ClientPayloadSpec;
import it.auties.whatsapp.model.signal.auth.HandshakeMessage;
import it.auties.whatsapp.model.signal.auth.HandshakeMessageSpec;
import it.auties.whatsapp.model.signal.auth.ServerHello;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection: the Noise handshake as responder, then encrypted binary nodes. Frames
 * arrive on the socket's thread; everything this session writes goes through that thread too, so
 * the transport counters stay in step with the byte stream.
 */
public final class ChatSession implements FrameListener, OfflineQueue.Link {
    private static final Logger LOG = Logger.getLogger(ChatSession.class.getName());

    public enum State { AWAITING_CLIENT_HELLO, AWAITING_CLIENT_FINISH, ESTABLISHED, CLOSED }

    private final long id;
    private final ChatSocket socket;
    private final ChatServer server;
    private final NoiseResponder handshake;
    private final NodeCodec codec;
    private final byte[] certificatePayload;
    private final Instant openedAt;
    private final List<LoggedNode> received = new CopyOnWriteArrayList<>();
    private final List<LoggedNode> sent = new CopyOnWriteArrayList<>();
    private volatile State state = State.AWAITING_CLIENT_HELLO;
    private volatile List<String> qrRefs = List.of();
    private volatile Jid deviceJid;
    private volatile io.kubezap.simulator.history.HistoryDepth historyDepth = io.kubezap.simulator.history.HistoryDepth.RECENT;
    private volatile PairingOffer pendingOffer;
    private TransportCipher reader;
    private TransportCipher writer;
    private byte[] clientNoiseKey;

    ChatSession(long id, ChatSocket socket, ChatServer server, byte[] prologue, NodeCodec codec, X25519.KeyPair serverStaticKeys,
                byte[] certificatePayload, Instant openedAt) {
        this.id = id;
        this.socket = socket;
        this.server = server;
        this.handshake = new NoiseResponder(prologue, serverStaticKeys);
        this.codec = codec;
        this.certificatePayload = certificatePayload;
        this.openedAt = openedAt;
    }

    @Override
    public void onFrame(byte[] payload) {
        try {
            switch (state) {
                case AWAITING_CLIENT_HELLO -> onClientHello(payload);
                case AWAITING_CLIENT_FINISH -> onClientFinish(payload);
                case ESTABLISHED -> onNode(codec.decode(reader.decrypt(payload)));
                case CLOSED -> { }
            }
        } catch (RuntimeException exception) {
            LOG.log(Level.WARNING, "Connection " + id + " broke the protocol in state " + state + "; dropping it", exception);
            socket.drop();
        }
    }

    private void onClientHello(byte[] payload) {
        var hello = HandshakeMessageSpec.decode(payload).clientHello();
        if (hello == null) {
            throw new NoiseException("Expected a client hello");
        }
        var answer = handshake.respond(hello.ephemeral(), certificatePayload);
        var serverHello = new ServerHello(answer.ephemeral(), answer.encryptedStatic(), answer.encryptedPayload());
        socket.send(HandshakeMessageSpec.encode(new HandshakeMessage(null, serverHello, null)));
        state = State.AWAITING_CLIENT_FINISH;
    }

    private void onClientFinish(byte[] payload) {
        var finish = HandshakeMessageSpec.decode(payload).clientFinish();
        if (finish == null) {
            throw new NoiseException("Expected a client finish");
        }
        var established = handshake.finish(finish._static(), finish.payload());
        reader = established.reader();
        writer = established.writer();
        clientNoiseKey = established.clientStaticKey();
        state = State.ESTABLISHED;
        server.onLogin(this, ClientPayloadSpec.decode(established.clientPayload()));
    }

    private void onNode(Node node) {
        received.add(new LoggedNode(Instant.now(), node));
        if ("message".equals(node.description())) {
            server.onClientMessage(this, node);
            return;
        }
        if ("presence".equals(node.description())) {
            server.onClientPresence(this, node);
            return;
        }
        if ("chatstate".equals(node.description())) {
            server.onClientChatState(this, node);
            return;
        }
        if ("call".equals(node.description())) {
            server.onClientCall(this, node);
            return;
        }
        if ("receipt".equals(node.description())) {
            server.onClientReceipt(this, node);
            return;
        }
        if ("ack".equals(node.description())) {
            server.onAck(this, node);
            return;
        }
        if ("ib".equals(node.description())) {
            server.onClientIb(this, node);
            return;
        }
        if (!"iq".equals(node.description())) {
            return;
        }
        var type = node.attributes().getString("type", "");
        switch (type) {
            case "get", "set" -> onRequest(node);
            case "result", "error" -> onResponse(node);
            default -> { }
        }
    }

    private void onRequest(Node iq) {
        var codeLinking = iq.findChild("link_code_companion_reg");
        if (codeLinking.isPresent()) {
            server.onLinkCodeRegistration(this, iq, codeLinking.get());
            return;
        }
        if ("encrypt".equals(iq.attributes().getString("xmlns", "")) && iq.findChild("skey").isPresent()) {
            server.onPreKeyUpload(this, iq);
        }
        var unlink = iq.findChild("remove-companion-device");
        var response = server.answerQuery(this, iq).orElseGet(() -> IqResponder.answer(iq));
        // a test's fault may answer this request late, or never
        server.answerFaults().delayFor(iq).ifPresent(late -> socket.schedule(() -> write(response), server.answerDelay().plus(late)));
        if (unlink.isPresent() && deviceJid != null) {
            server.onCompanionLogout(this);
        }
    }

    private void onResponse(Node iq) {
        var signed = iq.findChild("pair-device-sign")
                .flatMap(sign -> sign.findChild("device-identity"))
                .flatMap(Node::contentAsBytes);
        var offer = pendingOffer;
        if (signed.isPresent() && offer != null) {
            pendingOffer = null;
            server.onPairDeviceSigned(this, offer, signed.get());
        }
    }

    /** Encrypts and writes a node; safe from any thread. */
    @Override
    public void send(Node node) {
        socket.execute(() -> write(node));
    }

    /** Answers a client request after the configured round-trip delay. */
    void answer(Node node) {
        socket.schedule(() -> write(node), server.answerDelay());
    }

    private void write(Node node) {
        if (state == State.ESTABLISHED) {
            socket.send(writer.encrypt(codec.encode(node)));
            sent.add(new LoggedNode(Instant.now(), node));
        }
    }

    void offerPairing(PairingOffer offer, Node pairSuccess) {
        socket.execute(() -> {
            pendingOffer = offer;
            send(pairSuccess);
        });
    }

    /** How much history the companion on this connection asked for in its registration (pairing connections only). */
    void setHistoryDepth(io.kubezap.simulator.history.HistoryDepth depth) {
        this.historyDepth = depth;
    }

    io.kubezap.simulator.history.HistoryDepth historyDepth() {
        return historyDepth;
    }

    void setQrRefs(List<String> refs) {
        this.qrRefs = List.copyOf(refs);
    }

    void setDeviceJid(Jid jid) {
        this.deviceJid = jid;
    }

    ChatSocket socket() {
        return socket;
    }

    byte[] clientNoiseKey() {
        return clientNoiseKey;
    }

    @Override
    public void onClosed() {
        state = State.CLOSED;
        server.onClosed(this);
    }

    public long id() {
        return id;
    }

    public State state() {
        return state;
    }

    @Override
    public boolean established() {
        return state == State.ESTABLISHED;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public List<String> qrRefs() {
        return qrRefs;
    }

    public Optional<Jid> deviceJid() {
        return Optional.ofNullable(deviceJid);
    }

    public List<LoggedNode> received() {
        return List.copyOf(received);
    }

    /** The nodes the server sent on this connection. */
    public List<LoggedNode> sent() {
        return List.copyOf(sent);
    }

    /** The version of the token dictionary this connection's nodes are encoded with, from its prologue. */
    public int dictionaryVersion() {
        return codec.dictionary().version();
    }

    public String remoteAddress() {
        return socket.remoteAddress();
    }
}
