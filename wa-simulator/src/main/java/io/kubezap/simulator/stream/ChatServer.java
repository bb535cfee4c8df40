package io.kubezap.simulator.stream;

import io.kubezap.simulator.noise.X25519;
import io.kubezap.simulator.phone.CodeLinking;
import io.kubezap.simulator.phone.DeviceLinker;
import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.LinkCodeCrypto;
import io.kubezap.simulator.phone.LinkedDevice;
import io.kubezap.simulator.phone.PairingOffer;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.QrCode;
import io.kubezap.simulator.phone.SimulatedPhone;
import io.kubezap.simulator.signal.PreKeyBundle;
import io.kubezap.simulator.signal.SignalIdentity;
import io.kubezap.simulator.signal.TextMessage;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.auth.ClientPayload;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The WhatsApp chat server's decisions across connections: who must pair and with which QR
 * references, whether a registered companion may log in, what a phone's scan does, and the
 * faults the control API injects.
 */
public final class ChatServer {
    private static final Logger LOG = Logger.getLogger(ChatServer.class.getName());
    private static final byte[] WEB_PROLOGUE = {'W', 'A', 6, 3};
    private static final String PHONE_PLATFORM = "android";

    private final PhoneDirectory phones;
    private final DeviceLinker linker;
    private final Clock clock;
    private final ChatServerSettings settings;
    private final X25519.KeyPair staticKeys = X25519.generate();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong connectionIds = new AtomicLong();
    private final Map<Long, ChatSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, ChatSession> sessionsByQrRef = new ConcurrentHashMap<>();
    private final Map<Jid, ChatSession> sessionsByDevice = new ConcurrentHashMap<>();
    private final Map<Jid, PreKeyBundle> preKeys = new ConcurrentHashMap<>();
    private final CodeLinking codeLinking = new CodeLinking();
    private final Map<String, WaitingForCode> waitingForCode = new ConcurrentHashMap<>();
    private final Map<String, WaitingForBundle> waitingForBundle = new ConcurrentHashMap<>();

    /** A companion that asked to link by code, until a phone enters it. */
    private record WaitingForCode(ChatSession session, CodeLinking.CompanionHello hello, Instant since) {
    }

    /** A phone that entered the code, until the companion sends its key bundle. */
    private record WaitingForBundle(ChatSession session, CodeLinking.PrimaryHello primaryHello) {
    }

    public ChatServer(PhoneDirectory phones, Clock clock, ChatServerSettings settings) {
        this.phones = phones;
        this.linker = new DeviceLinker(clock);
        this.clock = clock;
        this.settings = settings;
    }

    Duration answerDelay() {
        return settings.answerDelay();
    }

    /** A new client connection, called by the transport once the WebSocket is up. */
    public FrameListener open(ChatSocket socket) {
        var session = new ChatSession(connectionIds.incrementAndGet(), socket, this, WEB_PROLOGUE, staticKeys, clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    void onLogin(ChatSession session, ClientPayload payload) {
        if (payload.regData() != null) {
            startPairing(session);
            return;
        }
        var device = Optional.ofNullable(payload.username())
                .flatMap(number -> phones.findDevice(String.valueOf(number), payload.device() == null ? 0 : payload.device()))
                .filter(candidate -> candidate.ownsNoiseKey(session.clientNoiseKey()));
        var status = device.map(LinkedDevice::status).orElse(DeviceStatus.LOGGED_OUT);
        session.socket().schedule(() -> {
            switch (status) {
                case LINKED -> logIn(session, device.orElseThrow());
                case LOGGED_OUT -> session.send(ServerNodes.failure(401));
                case BANNED -> session.send(ServerNodes.failure(403));
            }
        }, settings.firstNodeDelay());
    }

    private void startPairing(ChatSession session) {
        var refs = new ArrayList<String>();
        for (var i = 0; i < settings.qrRefsPerConnection(); i++) {
            refs.add(newRef());
        }
        session.setQrRefs(refs);
        refs.forEach(ref -> sessionsByQrRef.put(ref, session));
        session.socket().schedule(() -> session.send(ServerNodes.pairDevice(refs)), settings.firstNodeDelay());
        session.socket().schedule(() -> expireQrRefs(session), settings.qrLifetime());
    }

    private void expireQrRefs(ChatSession session) {
        if (session.deviceJid().isEmpty() && session.state() != ChatSession.State.CLOSED) {
            LOG.info(() -> "Connection " + session.id() + " was not paired in time; closing it");
            session.socket().drop();
        }
    }

    private void logIn(ChatSession session, LinkedDevice device) {
        session.setDeviceJid(device.jid());
        var previous = sessionsByDevice.put(device.jid(), session);
        if (previous != null && previous != session && previous.state() != ChatSession.State.CLOSED) {
            previous.send(ServerNodes.conflict("replaced"));
        }
        var phone = phones.find(device.jid().user()).orElseThrow();
        session.send(ServerNodes.success(clock.instant(), phone.lid()));
    }

    /**
     * A phone scans a QR code: the server finds the connection that showed that reference and
     * sends it {@code pair-success}.
     *
     * @throws NoSuchElementException when no such phone exists or the reference is not (or no longer) offered
     * @throws IllegalArgumentException when the payload is not a QR code or its noise key is not the connection's
     */
    public Jid scan(String phoneNumber, String qrPayload) {
        var phone = phones.find(phoneNumber).orElseThrow(() -> new NoSuchElementException("No phone " + phoneNumber));
        var qr = QrCode.parse(qrPayload);
        var session = Optional.ofNullable(sessionsByQrRef.get(qr.ref()))
                .filter(candidate -> candidate.state() == ChatSession.State.ESTABLISHED)
                .orElseThrow(() -> new NoSuchElementException("The QR reference is unknown or expired: " + qr.ref()));
        if (!Arrays.equals(session.clientNoiseKey(), qr.noiseKey())) {
            throw new IllegalArgumentException("The QR code's noise key is not the one its connection authenticated with");
        }
        return offerPairing(session, phone, qr);
    }

    private Jid offerPairing(ChatSession session, SimulatedPhone phone, QrCode qr) {
        session.qrRefs().forEach(sessionsByQrRef::remove);
        var offer = linker.offer(phone, qr);
        session.offerPairing(offer, ServerNodes.pairSuccess(offer.companionJid(), offer.signedIdentityHmac(), PHONE_PLATFORM));
        return offer.companionJid();
    }

    void onLinkCodeRegistration(ChatSession session, Node iq, Node registration) {
        switch (registration.attributes().getString("stage", "")) {
            case "companion_hello" -> onCompanionHello(session, iq, registration);
            case "companion_finish" -> onCompanionFinish(session, iq, registration);
            default -> session.answer(ServerNodes.error(iq, 400, "bad-request"));
        }
    }

    private void onCompanionHello(ChatSession session, Node iq, Node registration) {
        var phone = registration.attributes().getOptionalJid("jid").map(Jid::user);
        var wrapped = content(registration, "link_code_pairing_wrapped_companion_ephemeral_pub");
        var noiseKey = content(registration, "companion_server_auth_key_pub");
        if (phone.isEmpty() || wrapped.isEmpty() || noiseKey.isEmpty() || !Arrays.equals(noiseKey.get(), session.clientNoiseKey())) {
            session.answer(ServerNodes.error(iq, 400, "bad-request"));
            return;
        }
        var ref = newRef();
        var hello = new CodeLinking.CompanionHello(ref, phone.get(), wrapped.get(), noiseKey.get());
        waitingForCode.put(ref, new WaitingForCode(session, hello, clock.instant()));
        session.answer(ServerNodes.linkCodeRef(iq, ref));
    }

    /**
     * The phone's owner types the code a companion shows: the newest companion waiting for a code
     * for this number gets {@code primary_hello}.
     *
     * @return the pairing reference of that companion
     * @throws NoSuchElementException when no such phone exists or no companion waits for a code for it
     * @throws IllegalArgumentException when the code is not 8 characters of the code alphabet
     */
    public String enterPairingCode(String phoneNumber, String code) {
        LinkCodeCrypto.normalizeCode(code);
        var phone = phones.find(phoneNumber).orElseThrow(() -> new NoSuchElementException("No phone " + phoneNumber));
        var waiting = waitingForCode.values().stream()
                .filter(candidate -> candidate.hello().phoneNumber().equals(phoneNumber))
                .filter(candidate -> candidate.session().state() == ChatSession.State.ESTABLISHED)
                .max(Comparator.comparing(WaitingForCode::since))
                .orElseThrow(() -> new NoSuchElementException("No companion is waiting for a pairing code for " + phoneNumber));
        var primaryHello = codeLinking.enterCode(phone, waiting.hello(), code);
        var ref = waiting.hello().ref();
        waitingForCode.remove(ref);
        waitingForBundle.put(ref, new WaitingForBundle(waiting.session(), primaryHello));
        waiting.session().send(ServerNodes.primaryHello(ref, primaryHello.wrappedPrimaryEphemeral(), primaryHello.primaryIdentity(), clock.instant()));
        return ref;
    }

    private void onCompanionFinish(ChatSession session, Node iq, Node registration) {
        var ref = content(registration, "link_code_pairing_ref").map(bytes -> new String(bytes, StandardCharsets.US_ASCII));
        var waiting = ref.map(waitingForBundle::get).filter(candidate -> candidate.session() == session);
        var bundle = content(registration, "link_code_pairing_wrapped_key_bundle");
        var identity = content(registration, "companion_identity_public");
        if (waiting.isEmpty() || bundle.isEmpty() || identity.isEmpty()) {
            session.answer(ServerNodes.error(iq, 404, "item-not-found"));
            return;
        }
        QrCode linkingKeys;
        try {
            linkingKeys = codeLinking.finish(waiting.get().primaryHello(), bundle.get(), identity.get());
        } catch (IllegalArgumentException exception) {
            LOG.warning(() -> "Connection " + session.id() + " sent a companion_finish the phone cannot use: " + exception.getMessage());
            session.answer(ServerNodes.error(iq, 400, "bad-request"));
            return;
        }
        waitingForBundle.remove(ref.get());
        session.answer(ServerNodes.result(iq));
        session.socket().schedule(() -> offerPairing(session, waiting.get().primaryHello().phone(), linkingKeys), settings.answerDelay());
    }

    private static Optional<byte[]> content(Node parent, String child) {
        return parent.findChild(child)
                .flatMap(node -> node.contentAsBytes().or(() -> node.contentAsString().map(text -> text.getBytes(StandardCharsets.UTF_8))));
    }

    private String newRef() {
        var bytes = new byte[24];
        random.nextBytes(bytes);
        return "2@" + Base64.getEncoder().encodeToString(bytes);
    }

    void onPairDeviceSigned(ChatSession session, PairingOffer offer, byte[] signedIdentity) {
        try {
            var device = linker.confirm(offer, signedIdentity);
            session.setDeviceJid(device.jid());
            LOG.info(() -> "Linked " + device.jid() + "; asking the client to restart its stream");
        } catch (IllegalArgumentException exception) {
            LOG.warning(() -> "Pairing of connection " + session.id() + " failed: " + exception.getMessage());
        }
        session.send(ServerNodes.streamError(515));
    }

    void onCompanionLogout(ChatSession session) {
        session.deviceJid().flatMap(this::findDevice).ifPresent(device -> device.setStatus(DeviceStatus.LOGGED_OUT));
        session.socket().schedule(() -> session.send(ServerNodes.deviceRemoved()), settings.answerDelay());
    }

    /**
     * Inflicts a fault on a linked device.
     *
     * @throws NoSuchElementException when the device does not exist
     * @throws IllegalStateException when the fault needs an open connection and the device has none
     */
    public void inject(String phoneNumber, int deviceId, Fault fault) {
        var device = phones.findDevice(phoneNumber, deviceId)
                .orElseThrow(() -> new NoSuchElementException("No device " + deviceId + " linked to " + phoneNumber));
        var session = activeSession(device.jid());
        if (fault.needsOpenConnection() && session.isEmpty()) {
            throw new IllegalStateException("Device " + device.jid() + " has no open connection");
        }
        switch (fault) {
            case DROP -> session.orElseThrow().socket().drop();
            case RESTART_REQUIRED -> session.orElseThrow().send(ServerNodes.streamError(515));
            case CONFLICT -> session.orElseThrow().send(ServerNodes.conflict("replaced"));
            case LOGGED_OUT -> {
                device.setStatus(DeviceStatus.LOGGED_OUT);
                session.ifPresent(open -> open.send(ServerNodes.failure(401)));
            }
            case BANNED -> {
                device.setStatus(DeviceStatus.BANNED);
                session.ifPresent(open -> open.send(ServerNodes.failure(403)));
            }
            case DEVICE_REMOVED -> {
                device.setStatus(DeviceStatus.LOGGED_OUT);
                session.ifPresent(open -> open.send(ServerNodes.deviceRemoved()));
            }
        }
    }

    void onPreKeyUpload(ChatSession session, Node iq) {
        var device = session.deviceJid();
        var bundle = PreKeyUploads.read(iq);
        if (device.isPresent() && bundle.isPresent()) {
            preKeys.merge(device.get(), bundle.get(), PreKeyBundle::absorb);
        }
    }

    /**
     * A phone sends a text to another account: every connected companion of that account gets it,
     * Signal-encrypted from the sending phone.
     *
     * @return the message id
     * @throws NoSuchElementException when either phone does not exist
     * @throws IllegalStateException when no companion of the recipient is connected with published pre-keys
     */
    public String sendText(String fromNumber, String toNumber, String text) {
        var sender = phone(fromNumber);
        var recipient = phone(toNumber);
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("A text message needs a text");
        }
        var targets = recipient.devices().stream()
                .filter(device -> device.status() == DeviceStatus.LINKED && preKeys.containsKey(device.jid()))
                .flatMap(device -> activeSession(device.jid()).map(session -> Map.entry(device.jid(), session)).stream())
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalStateException("No companion of " + toNumber + " is connected with published pre-keys");
        }
        var id = ServerNodes.newMessageId();
        for (var target : targets) {
            var encrypted = sender.encryptFor(target.getKey(), () -> preKeys.get(target.getKey()), TextMessage.paddedPlaintext(text));
            target.getValue().send(ServerNodes.textMessage(id, sender.jid(), sender.pushName(), clock.instant(), encrypted.type(), encrypted.serialized()));
        }
        return id;
    }

    /**
     * A phone reports that it received (or read) a message a companion sent it: every connected
     * companion of the sending account gets the receipt.
     *
     * @throws NoSuchElementException when the phone or the message does not exist
     * @throws IllegalStateException when no companion of the sender is connected
     */
    public void sendReceipt(String number, String messageId, boolean read) {
        var phone = phone(number);
        var message = phone.findReceived(messageId)
                .orElseThrow(() -> new NoSuchElementException(number + " received no message " + messageId));
        var targets = phones.find(message.fromDevice().user()).stream()
                .flatMap(sender -> sender.devices().stream())
                .flatMap(device -> activeSession(device.jid()).stream())
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalStateException("No companion of " + message.fromDevice().user() + " is connected");
        }
        targets.forEach(session -> session.send(ServerNodes.receipt(messageId, phone.jid(), read, clock.instant())));
    }

    /** A {@code message} a companion sends: simulated phones among its recipients decrypt it; the server acks it. */
    void onClientMessage(ChatSession session, Node message) {
        var sender = session.deviceJid();
        var chat = message.attributes().getOptionalJid("to");
        if (sender.isEmpty() || chat.isEmpty()) {
            return;
        }
        var recipients = message.findChild("participants").map(participants -> participants.listChildren("to")).orElse(List.of());
        for (var recipient : recipients) {
            var device = recipient.attributes().getOptionalJid("jid");
            var enc = recipient.findChild("enc");
            var phone = device.filter(jid -> jid.device() == 0).flatMap(jid -> phones.find(jid.user()));
            if (phone.isEmpty() || enc.isEmpty() || enc.get().contentAsBytes().isEmpty()) {
                continue;
            }
            try {
                phone.get().receive(message.id(), sender.get(), enc.get().attributes().getString("type", ""), enc.get().contentAsBytes().get(),
                        phone.get().number().equals(chat.get().user()), clock.instant());
            } catch (IllegalArgumentException exception) {
                LOG.warning(() -> phone.get().number() + " cannot decrypt message " + message.id() + " from " + sender.get() + ": " + exception.getMessage());
            }
        }
        session.answer(ServerNodes.messageAck(message.id(), chat.get(), clock.instant()));
    }

    /** Answers the IQs that read the directory: {@code usync} (contacts, device lists) and {@code encrypt} key bundles. */
    Optional<Node> answerDirectoryQuery(Node iq) {
        var xmlns = iq.attributes().getString("xmlns", "");
        if ("usync".equals(xmlns)) {
            return iq.findChild("usync").map(usync -> ServerNodes.usync(iq, usyncUsers(usync)));
        }
        if ("encrypt".equals(xmlns) && iq.findChild("key").isPresent()) {
            return Optional.of(ServerNodes.keyBundles(iq, keysOf(iq.findChild("key").stream()
                    .flatMap(key -> key.listChildren("user").stream())
                    .flatMap(user -> user.attributes().getOptionalJid("jid").stream())
                    .toList())));
        }
        return Optional.empty();
    }

    /** One answer per asked user; users asked by phone number ({@code <contact>+55…</contact>}) are resolved to their JID. */
    private List<Node> usyncUsers(Node usync) {
        var queries = usync.findChild("query").map(query -> query.children().stream().map(Node::description).toList()).orElse(List.of());
        return usync.findChild("list").stream()
                .flatMap(list -> list.listChildren("user").stream())
                .flatMap(user -> askedJid(user).stream())
                .flatMap(jid -> usyncUser(jid, queries).stream())
                .toList();
    }

    private static Optional<Jid> askedJid(Node user) {
        return user.attributes().getOptionalJid("jid")
                .or(() -> user.findChild("contact").flatMap(Node::contentAsString)
                        .map(number -> number.replaceAll("[^0-9]", ""))
                        .filter(number -> !number.isEmpty())
                        .map(number -> Jid.of(number, JidServer.whatsapp())));
    }

    private Optional<Node> usyncUser(Jid jid, List<String> queries) {
        var phone = phones.find(jid.user());
        var children = new ArrayList<Node>();
        if (queries.contains("contact")) {
            children.add(ServerNodes.contact(phone.isPresent()));
        }
        if (queries.contains("devices")) {
            if (phone.isEmpty()) {
                return Optional.empty();
            }
            var ids = new ArrayList<Integer>(List.of(0));
            phone.get().devices().stream()
                    .filter(device -> device.status() == DeviceStatus.LINKED)
                    .map(LinkedDevice::deviceId)
                    .sorted()
                    .forEach(ids::add);
            children.add(ServerNodes.devices(ids));
        }
        return Optional.of(Node.of("user", ServerNodes.attributes("jid", Jid.of(jid.user(), JidServer.whatsapp())), children));
    }

    private Map<Jid, SignalIdentity.PublishedKeys> keysOf(List<Jid> devices) {
        var result = new LinkedHashMap<Jid, SignalIdentity.PublishedKeys>();
        for (var device : devices) {
            if (device.device() == 0) {
                phones.find(device.user()).ifPresent(phone -> result.put(device, phone.publishedKeys()));
            } else {
                Optional.ofNullable(preKeys.get(Jid.of(device.user(), JidServer.whatsapp(), device.device(), 0)))
                        .ifPresent(bundle -> result.put(device, bundle.publish()));
            }
        }
        return result;
    }

    private SimulatedPhone phone(String number) {
        return phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
    }

    public Optional<ChatSession> activeSession(Jid deviceJid) {
        return Optional.ofNullable(sessionsByDevice.get(deviceJid))
                .filter(session -> session.state() == ChatSession.State.ESTABLISHED);
    }

    private Optional<LinkedDevice> findDevice(Jid jid) {
        return phones.findDevice(jid.user(), jid.device());
    }

    void onClosed(ChatSession session) {
        session.qrRefs().forEach(ref -> sessionsByQrRef.remove(ref, session));
        session.deviceJid().ifPresent(jid -> sessionsByDevice.remove(jid, session));
        waitingForCode.values().removeIf(waiting -> waiting.session() == session);
        waitingForBundle.values().removeIf(waiting -> waiting.session() == session);
    }

    public Collection<ChatSession> sessions() {
        return List.copyOf(sessions.values());
    }

    public Optional<ChatSession> session(long id) {
        return Optional.ofNullable(sessions.get(id));
    }
}
