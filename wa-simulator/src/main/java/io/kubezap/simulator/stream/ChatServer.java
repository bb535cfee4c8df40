package io.kubezap.simulator.stream;

import io.kubezap.simulator.appstate.AppStateBlobs;
import io.kubezap.simulator.appstate.PhoneAction;

import io.kubezap.simulator.binary.NodeCodec;
import io.kubezap.simulator.group.Groups;
import io.kubezap.simulator.binary.NodeDictionary;
import io.kubezap.simulator.noise.NoiseCertificateChain;
import io.kubezap.simulator.noise.X25519;
import io.kubezap.simulator.phone.DeviceLinker;
import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.DisappearingTimers;
import io.kubezap.simulator.phone.LinkedDevice;
import io.kubezap.simulator.phone.PairingOffer;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.PhoneProfile;
import io.kubezap.simulator.phone.QrCode;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.auth.ClientPayload;

import io.kubezap.simulator.media.MediaHost;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
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
    private static final int WEB_PROTOCOL = 6;
    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(30);
    private static final int CLOSED_CONNECTIONS_KEPT = 1000;
    private static final String PHONE_PLATFORM = "android";

    private final PhoneDirectory phones;
    private final DeviceLinker linker;
    private final Clock clock;
    private final ChatServerSettings settings;
    private final X25519.KeyPair staticKeys = X25519.generate();
    private final NoiseCertificateChain certificates;
    private final AtomicLong connectionIds = new AtomicLong();
    private final Map<Long, ChatSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, ChatSession> sessionsByQrRef = new ConcurrentHashMap<>();
    private final Map<Jid, ChatSession> sessionsByDevice = new ConcurrentHashMap<>();
    private final Directory directory;
    private final MessageRelay messages;
    private final CallRelay calls;
    private final BlockLists blockLists;
    private final PresenceRelay presence;
    private final MediaHost mediaHost;
    private final CodeLinkingExchange codeLinking;
    private final io.kubezap.simulator.passkey.Passkeys passkeys = new io.kubezap.simulator.passkey.Passkeys();
    private final PasskeyLinking passkeyLinking;
    private final AppStateSync appState;
    private final HistorySender history;
    private final OfflineQueue offline;
    private final Groups groups;
    private final GroupMessages groupMessages;
    private final StatusBroadcasts statuses;
    private final GroupIqs groupIqs;
    private final AccountProfiles profiles;
    private final AccountIqs accountIqs;
    private final Catalogs catalogs;
    private final Orders orders;
    private final PrivacyTokens privacyTokens;
    private final ReachOutLimits reachOut;
    private final ChannelFeed channels;
    private final ChannelIqs channelIqs;
    private final DeviceListNotices deviceListNotices;
    private volatile boolean reachable = true;
    private final WebClientVersions webVersions;
    private final AtomicLong refusedConnections = new AtomicLong();
    private final AnswerFaults answerFaults = new AnswerFaults();

    public ChatServer(PhoneDirectory phones, Clock clock, ChatServerSettings settings, MediaHost mediaHost) {
        this.phones = phones;
        this.linker = new DeviceLinker(clock);
        this.clock = clock;
        this.settings = settings;
        this.webVersions = new WebClientVersions(settings.webClientRevision());
        this.certificates = NoiseCertificateChain.issue(staticKeys.publicKey(), clock.instant(), CERTIFICATE_VALIDITY);
        this.directory = new Directory(phones);
        this.blockLists = new BlockLists(phones::numberOf);
        this.offline = new OfflineQueue(OfflineQueue.DEFAULT_CAPACITY, clock);
        this.reachOut = new ReachOutLimits(clock, new ReachOutNotices(phones, offline, clock));
        this.privacyTokens = new PrivacyTokens(phones, offline, clock, reachOut);
        this.history = new HistorySender(mediaHost, phones, clock, privacyTokens);
        this.messages = new MessageRelay(phones, directory, offline, clock, mediaHost, blockLists, history, privacyTokens);
        this.calls = new CallRelay(phones, offline, clock);
        this.mediaHost = mediaHost;
        this.codeLinking = new CodeLinkingExchange(phones, clock, settings.answerDelay(), this::offerPairing);
        this.passkeyLinking = new PasskeyLinking(passkeys, clock, settings.answerDelay());
        this.appState = new AppStateSync(phones, messages, offline, clock, settings.answerDelay(), history,
                new AppStateBlobs(mediaHost));
        this.presence = new PresenceRelay(phones, offline, clock);
        this.profiles = new AccountProfiles(mediaHost, clock);
        this.accountIqs = new AccountIqs(phones, profiles);
        this.catalogs = new Catalogs(phones);
        this.orders = new Orders(catalogs);
        this.groups = new Groups(number -> phones.find(number).isPresent(), blockLists::blocks, this::notifyDevices, clock,
                number -> phones.find(number).map(io.kubezap.simulator.phone.SimulatedPhone::lid));
        this.groupIqs = new GroupIqs(groups, phones, profiles);
        this.groupMessages = new GroupMessages(phones, groups, directory, offline, clock, mediaHost);
        this.statuses = new StatusBroadcasts(phones, groupMessages, clock);
        this.channels = new ChannelFeed(phones, new io.kubezap.simulator.channel.Channels(profiles::stored, clock), offline, mediaHost,
                clock);
        this.channelIqs = new ChannelIqs(channels);
        this.deviceListNotices = new DeviceListNotices(phones, groups, offline, clock);
    }

    /** History syncs a client must refuse: forged by a contact, or a blob that inflates beyond reason. */
    public HostileHistory hostileHistory() {
        return new HostileHistory(phones, directory, messages, mediaHost, clock);
    }

    /** WhatsApp's channels (newsletters) and what happens around them. */
    public Catalogs catalogs() {
        return catalogs;
    }

    public Orders orders() {
        return orders;
    }

    public ChannelFeed channels() {
        return channels;
    }

    /** Statuses (stories) posted by phones and companions. */
    public StatusBroadcasts statuses() {
        return statuses;
    }

    /**
     * Gives a phone past conversations, which it sends to companions linked from now on as history syncs (and on
     * demand); returns them.
     *
     * @throws NoSuchElementException when there is no such phone
     */
    public java.util.List<io.kubezap.simulator.history.PastChat> givePastChats(String number,
                                                                               io.kubezap.simulator.history.PastChats.Request request,
                                                                               Integer messagesPerChunk) {
        var phone = phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
        return history.give(phone, request, messagesPerChunk == null ? HistorySender.DEFAULT_MESSAGES_PER_CHUNK : messagesPerChunk);
    }

    /** The past conversations a phone was given, oldest message first in each. */
    public java.util.List<io.kubezap.simulator.history.PastChat> pastChats(String number) {
        return history.pastChats(number);
    }

    /**
     * The history syncs a phone sent one of its companions (at its first login and on demand), in sending order.
     *
     * @throws NoSuchElementException when there is no such device
     */
    public java.util.List<io.kubezap.simulator.history.SentHistorySync> historySyncsSent(String phoneNumber, int deviceId) {
        var device = phones.findDevice(phoneNumber, deviceId)
                .orElseThrow(() -> new NoSuchElementException("No device " + deviceId + " linked to " + phoneNumber));
        return history.sentTo(device.jid());
    }

    /** How much history a linked companion asked for when it paired. */
    public io.kubezap.simulator.history.HistoryDepth historyDepthOf(Jid device) {
        return history.depthOf(device);
    }

    /** Messages posted in groups. */
    public GroupMessages groupMessages() {
        return groupMessages;
    }

    /** WhatsApp's group server. */
    public Groups groups() {
        return groups;
    }

    /**
     * Gives a phone's account a further device the simulator runs ({@link SimulatedPhone#addSimulatedDevice}); WhatsApp
     * tells the account's peers its device list changed.
     *
     * @return the device's id
     * @throws NoSuchElementException when there is no such phone
     */
    public int addSimulatedDevice(String number) {
        var phone = phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
        var deviceId = phone.addSimulatedDevice();
        deviceListNotices.added(phone, deviceId);
        return deviceId;
    }

    /** A server notification for every linked device of these accounts, now or at their next login. */
    private void notifyDevices(Collection<String> numbers, Node notification) {
        numbers.stream().map(phones::find).flatMap(Optional::stream).flatMap(phone -> phone.devices().stream())
                .filter(device -> device.status() == DeviceStatus.LINKED)
                .forEach(device -> offline.deliver(device.jid(), notification));
    }

    /**
     * The owner changes the account's default timer for the chats it starts, in the phone's settings: the phone keeps it
     * and WhatsApp tells every linked companion ({@code account_sync}), now or at its next login.
     *
     * @throws NoSuchElementException when there is no such phone
     * @throws IllegalArgumentException for a duration WhatsApp does not offer
     */
    public void setDefaultDisappearing(String number, int seconds) {
        var phone = phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
        phone.disappearing().accountDefault(DisappearingTimers.checked(seconds));
        notifyDevices(List.of(number), ServerNodes.defaultDisappearingChanged(seconds, clock.instant()));
    }

    /** What a web client sends before its first frame and mixes into the Noise handshake: "WA", 6, dictionary 3. */
    public static byte[] webPrologue() {
        return WEB_PROLOGUE.clone();
    }

    /** The public key of the root that signs the Noise certificate chain: what a client that verifies the chain must trust. */
    public byte[] noiseRootPublicKey() {
        return certificates.rootPublicKey();
    }

    /** Texts and receipts between phones and companions. */
    public BlockLists blockLists() {
        return blockLists;
    }

    public PresenceRelay presence() {
        return presence;
    }

    void onClientPresence(ChatSession session, Node node) {
        presence.onClientPresence(session, node);
    }

    void onClientChatState(ChatSession session, Node node) {
        presence.onClientChatState(session, node);
    }

    public CallRelay calls() {
        return calls;
    }

    void onClientCall(ChatSession session, Node call) {
        calls.onClientCall(session, call);
    }

    public MessageRelay messages() {
        return messages;
    }

    /** The round trip of an answer: the configured one, plus what a test's {@link AnswerFaults} add. */
    Duration answerDelay() {
        return settings.answerDelay().plus(answerFaults.everyAnswer());
    }

    /** Answers a test holds back or delays (a slow server); none unless the control API sets some. */
    public AnswerFaults answerFaults() {
        return answerFaults;
    }

    /** The WhatsApp Web versions web.whatsapp.com announces and this server accepts. */
    public WebClientVersions webVersions() {
        return webVersions;
    }

    /** Asked by the proxy for every {@code CONNECT}: false (and counted) while WhatsApp is unreachable. */
    public boolean admitsConnection() {
        if (!reachable) {
            refusedConnections.incrementAndGet();
        }
        return reachable;
    }

    /** Simulates an outage: while unreachable, open connections are cut (TCP reset) and new ones refused. */
    public void setReachable(boolean reachable) {
        this.reachable = reachable;
        if (!reachable) {
            sessions.values().stream()
                    .filter(session -> session.state() != ChatSession.State.CLOSED)
                    .forEach(session -> session.socket().drop());
        }
    }

    public boolean reachable() {
        return reachable;
    }

    /** How many connections the proxy refused during outages. */
    public long refusedConnections() {
        return refusedConnections.get();
    }

    /**
     * A new client connection, called by the transport once it has read the prologue: {@code W A 6 <v>}
     * where {@code v} is the version of the token dictionary the client encodes nodes with.
     *
     * @throws IllegalArgumentException when the server does not speak that prologue
     */
    public FrameListener open(ChatSocket socket, byte[] prologue) {
        var dictionary = dictionaryOf(prologue);
        var session = new ChatSession(connectionIds.incrementAndGet(), socket, this, prologue, new NodeCodec(dictionary),
                staticKeys, certificates.encoded(), clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    private static NodeDictionary dictionaryOf(byte[] prologue) {
        if (prologue.length != WEB_PROLOGUE.length || prologue[0] != 'W' || prologue[1] != 'A') {
            throw new IllegalArgumentException("not a WhatsApp prologue (expected 57 41 06 <dictionary version>)");
        }
        if (prologue[2] != WEB_PROTOCOL) {
            throw new IllegalArgumentException("unsupported protocol version " + prologue[2] + " (expected " + WEB_PROTOCOL + ")");
        }
        return NodeDictionary.version(prologue[3]).orElseThrow(() -> new IllegalArgumentException(
                "unsupported dictionary version " + prologue[3] + " (serves " + NodeDictionary.versions() + ")"));
    }

    void onLogin(ChatSession session, ClientPayload payload) {
        if (!webVersions.admits(payload.userAgent() == null ? null : payload.userAgent().appVersion())) {
            LOG.info(() -> "Connection " + session.id() + " announced an outdated client version; refusing it with 405");
            session.socket().schedule(() -> session.send(ServerNodes.failure(405)), settings.firstNodeDelay());
            return;
        }
        if (payload.regData() != null) {
            session.setHistoryDepth(io.kubezap.simulator.history.HistoryDepth.of(payload.regData().companionProps()));
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
            refs.add(ServerNodes.newRef());
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
        // a test's fault may hold the login back, late or for good (the socket stays open, pings answered)
        answerFaults.loginDelay().ifPresent(late -> session.socket().schedule(() -> succeed(session, device), late));
    }

    private void succeed(ChatSession session, LinkedDevice device) {
        if (session.state() != ChatSession.State.ESTABLISHED) {
            return;
        }
        var phone = phones.find(device.jid().user()).orElseThrow();
        session.send(ServerNodes.success(clock.instant(), deviceLid(phone, device.jid())));
        offline.onLogin(session, device.jid(), appState.awaitsKeyShare(device.jid()));
    }

    /** What waits for a device that is not connected (or was cut off before acking it). */
    public List<OfflineQueue.Queued> pendingFor(String phoneNumber, int deviceId) {
        var device = phones.findDevice(phoneNumber, deviceId)
                .orElseThrow(() -> new NoSuchElementException("No device " + deviceId + " linked to " + phoneNumber));
        return offline.pending(device.jid());
    }

    void onAck(ChatSession session, Node ack) {
        session.deviceJid().ifPresent(device -> offline.onAck(device, ack));
    }

    /** The client asks for its offline backlog in batches of {@code count} ({@code <ib><offline_batch count/></ib>}). */
    void onClientIb(ChatSession session, Node ib) {
        session.deviceJid().ifPresent(device -> ib.findChild("offline_batch").ifPresent(batch ->
                offline.onBatchRequest(session, device, batch.attributes().getInt("count"))));
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
        history.paired(offer.companionJid(), session.historyDepth());
        var pairSuccess = ServerNodes.pairSuccess(offer.companionJid(), deviceLid(phone, offer.companionJid()),
                offer.signedIdentityHmac(), PHONE_PLATFORM);
        passkeyLinking.link(session, phone, () -> session.offerPairing(offer, pairSuccess));
        return offer.companionJid();
    }

    /** A companion's LID: the account's LID with the companion's device number. */
    private static Jid deviceLid(SimulatedPhone phone, Jid device) {
        return Jid.of(phone.lid().user(), JidServer.lid(), device.device(), 0);
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
        return codeLinking.enterPairingCode(phoneNumber, code);
    }

    /** The accounts whose owners protected linking with a passkey. */
    public io.kubezap.simulator.passkey.Passkeys passkeys() {
        return passkeys;
    }

    /** The challenge a companion linking to {@code phoneNumber}'s account must answer now (see {@link PasskeyLinking}). */
    public Optional<byte[]> pendingPasskeyChallenge(String phoneNumber) {
        return passkeyLinking.pendingChallenge(phoneNumber);
    }

    /** The user waited too long: the challenges of links waiting on {@code phoneNumber}'s passkey run out. */
    public void expirePasskeyChallenges(String phoneNumber) {
        passkeyLinking.expire(phoneNumber);
    }

    void onLinkCodeRegistration(ChatSession session, Node iq, Node registration) {
        codeLinking.onRegistration(session, iq, registration);
    }

    void onPreKeyUpload(ChatSession session, Node iq) {
        directory.onUpload(session, iq);
        appState.onPreKeysPublished(session);
    }

    /** The trusted-contact tokens an account's companions issued, by contact number: token (base64) and time. */
    public Map<String, Map<String, Object>> privacyTokensIssuedBy(String phoneNumber) {
        var issued = new java.util.LinkedHashMap<String, Map<String, Object>>();
        privacyTokens.issuedBy(phoneNumber).forEach((contact, token) -> issued.put(contact, Map.of(
                "token", java.util.Base64.getEncoder().encodeToString(token.token()), "t", token.timestamp())));
        return issued;
    }

    /** Answers the IQs that read shared state: the directory's, then app-state pulls. */
    Optional<Node> answerQuery(ChatSession session, Node iq) {
        return passkeyLinking.answer(session, iq)
                .or(() -> directory.answer(session, iq))
                .or(() -> blockLists.answer(session, iq))
                .or(() -> privacyTokens.answer(session.deviceJid(), iq))
                .or(() -> accountIqs.answer(session.deviceJid(), iq))
                .or(() -> groupIqs.answerPicture(session, iq))
                .or(() -> ProfilePictures.answer(phones, session.deviceJid(), iq))
                .or(() -> BusinessProfiles.answer(phones, session.deviceJid(), iq))
                .or(() -> catalogs.answer(session.deviceJid(), iq))
                .or(() -> orders.answer(session.deviceJid(), iq))
                .or(() -> groupIqs.answer(session, iq))
                .or(() -> appState.answer(session, iq))
                .or(() -> reachOut.answer(session.deviceJid(), iq))
                .or(() -> channelIqs.answer(session, iq))
                .or(() -> MediaConnections.answer(iq, mediaHost));
    }

    /**
     * The phone's owner changes the account's push name; its connected companions learn it by app-state sync.
     *
     * @throws NoSuchElementException when there is no such phone
     * @throws IllegalArgumentException when the name is blank
     */
    public void renamePhone(String number, String pushName) {
        appState.rename(number, pushName);
    }

    /** The owner of phone {@code number} saves {@code contactNumber} under a name; its companions learn it by app-state sync. */
    /**
     * The phone's owner changes a chat or a label (archive, pin, mute, mark read, star, delete, clear, labels): an
     * app-state patch its companions pull.
     *
     * @throws NoSuchElementException when there is no such phone
     */
    /** The phone makes a new app-state sync key, shared with its linked companions now or later ({@link #shareAppStateKeys}). */
    public String rotateAppStateKey(String number, boolean share) {
        return appState.rotateKey(number, share);
    }

    public void shareAppStateKeys(String number) {
        appState.shareKeys(number);
    }

    public void appStateAction(String number, PhoneAction action) {
        appState.act(number, action);
    }

    public void saveContact(String number, String contactNumber, String fullName, String firstName) {
        appState.saveContact(number, Jid.of(contactNumber, JidServer.whatsapp()), fullName, firstName);
    }

    /**
     * The phone's owner changes the about text, the profile picture and/or the business profile (stored on the media host as WhatsApp's CDN
     * keeps it: plain JPEG bytes under a signed path; a new picture gets a new id).
     *
     * @throws NoSuchElementException when there is no such phone
     * @throws IllegalArgumentException when neither is given, or the about is longer than WhatsApp allows (139)
     */
    /** A phone's owner gives a group a new picture (a JPEG; {@code null} removes it): stored on the media host, members told. */
    public void changeGroupPicture(String number, String groupId, byte[] jpeg) {
        groups.setPicture(number, groupId, jpeg == null ? null : profiles.stored(jpeg));
    }

    public PhoneProfile changeProfile(String number, String about, byte[] picture, PhoneProfile.Business business) {
        var phone = phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
        return profiles.change(phone, about, picture, business);
    }

    void onClientReceipt(ChatSession session, Node receipt) {
        session.deviceJid().ifPresent(device -> offline.onReceipt(device, receipt));
        if (isChannel(receipt.attributes().getOptionalJid("to")) && "view".equals(receipt.attributes().getString("type", ""))) {
            session.answer(ServerNodes.receiptAck(receipt));
            channels.onViewed(session, receipt);
            return;
        }
        messages.onClientReceipt(session, receipt);
    }

    void onClientMessage(ChatSession session, Node message) {
        var to = message.attributes().getOptionalJid("to");
        if (to.isPresent() && session.deviceJid().isPresent() && StatusBroadcasts.isStatus(to.get())) {
            statuses.onClientMessage(session, message);
            return;
        }
        if (session.deviceJid().isPresent() && isChannel(to)) {
            channels.onClientMessage(session, message);
            return;
        }
        if (to.isPresent() && session.deviceJid().isPresent() && to.get().server().equals(it.auties.whatsapp.model.jid.JidServer.groupOrCommunity())) {
            groupMessages.onClientMessage(session, message, to.get());
            return;
        }
        if (refusedWithoutToken(session, message, to)) {
            return;
        }
        messages.onClientMessage(session, message);
    }

    /**
     * A companion's one-to-one message to another person that shows no valid privacy token: WhatsApp answers it with
     * {@code <ack class="message" error="463">} and delivers nothing. Its own account's devices and peer messages need none.
     */
    private boolean refusedWithoutToken(ChatSession session, Node message, Optional<Jid> to) {
        if (to.isEmpty() || session.deviceJid().isEmpty() || "peer".equals(message.attributes().getString("category", ""))
                || message.findChild("participants").isEmpty() && !MessageRelay.isResendToAnother(session.deviceJid().get(), to.get(), message)) {
            return false;
        }
        var sender = phones.find(session.deviceJid().get().user());
        var recipient = phones.find(to.get());
        if (sender.isEmpty() || recipient.isEmpty() || sender.get().number().equals(recipient.get().number())
                || privacyTokens.admits(sender.get(), recipient.get(), message)) {
            return false;
        }
        session.answer(ServerNodes.messageNack(message.id(), to.get(), PrivacyTokens.MISSING_TOKEN, clock.instant()));
        return true;
    }

    /** Puts the account under a reach-out restriction until {@code until}; null lifts it. */
    public void timelock(String phoneNumber, java.time.Instant until) {
        if (until == null) {
            reachOut.lift(phoneNumber);
        } else {
            reachOut.timelock(phoneNumber, until);
        }
    }

    /** Caps the new chats the account may start in a cycle (starting now). */
    public void capNewChats(String phoneNumber, int total) {
        reachOut.cap(phoneNumber, total);
    }

    /** The account's restriction and quota: {@code timelockedUntil} (absent when none), {@code newChats} (absent uncapped). */
    public Map<String, Object> restrictions(String phoneNumber) {
        var view = new java.util.LinkedHashMap<String, Object>();
        reachOut.timelockedUntil(phoneNumber).ifPresent(until -> view.put("timelockedUntil", until.toString()));
        reachOut.cap(phoneNumber).ifPresent(cap -> view.put("newChats", Map.of("total", cap.total(), "used", cap.used(),
                "cycleStart", cap.cycleStart().toString())));
        return view;
    }

    /** Ages the token {@code issuer} gave {@code contact} past its window; false when there is none. */
    public boolean expirePrivacyToken(String issuer, String contact) {
        return privacyTokens.expire(issuer, contact);
    }

    /** What the account's companions did with privacy tokens, in order: sequence, kind (issued, admitted, refused), contact, id, at. */
    public List<Map<String, Object>> privacyTokenJournal(String phoneNumber) {
        return privacyTokens.journalOf(phoneNumber).stream().<Map<String, Object>>map(entry -> Map.of("sequence", entry.sequence(),
                "kind", entry.kind(), "contact", entry.contact(), "id", entry.id(), "at", entry.at().toString())).toList();
    }

    /** The one-to-one messages of the account's companions the server refused: id, to, error, at. */
    public List<Map<String, Object>> refusedMessages(String phoneNumber) {
        return privacyTokens.refusalsOf(phoneNumber).stream().<Map<String, Object>>map(refusal -> Map.of("id", refusal.messageId(),
                "to", refusal.to(), "error", refusal.error(), "at", refusal.at().toString())).toList();
    }

    private static boolean isChannel(Optional<Jid> address) {
        return address.filter(jid -> jid.server().equals(JidServer.newsletter())).isPresent();
    }

    void onPairDeviceSigned(ChatSession session, PairingOffer offer, byte[] signedIdentity) {
        try {
            var device = linker.confirm(offer, signedIdentity);
            session.setDeviceJid(device.jid());
            LOG.info(() -> "Linked " + device.jid() + "; asking the client to restart its stream");
            deviceListNotices.added(offer.phone(), device.deviceId());
        } catch (IllegalArgumentException exception) {
            LOG.warning(() -> "Pairing of connection " + session.id() + " failed: " + exception.getMessage());
        }
        session.send(ServerNodes.streamError(515));
    }

    void onCompanionLogout(ChatSession session) {
        session.deviceJid().flatMap(this::findDevice).ifPresent(this::unlink);
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
                unlink(device);
                session.ifPresent(open -> open.send(ServerNodes.failure(401)));
            }
            case BANNED -> {
                device.setStatus(DeviceStatus.BANNED);
                session.ifPresent(open -> open.send(ServerNodes.failure(403)));
            }
            case DEVICE_REMOVED -> {
                unlink(device);
                session.ifPresent(open -> open.send(ServerNodes.deviceRemoved()));
            }
            case LOSE_ACKS -> offline.loseMessageAcks(device.jid());
            case UNDECRYPTABLE_REDELIVERY -> offline.breakNextRedelivery(device.jid());
            case REFUSE_APP_STATE_PUSH -> appState.refuseNextPush(device.jid());
        }
    }

    /** A companion is no longer linked (it logged out, or the phone removed it): WhatsApp tells the account's peers. */
    private void unlink(LinkedDevice device) {
        var wasLinked = device.status() == DeviceStatus.LINKED;
        device.setStatus(DeviceStatus.LOGGED_OUT);
        if (wasLinked) {
            phones.find(device.jid().user()).ifPresent(phone -> deviceListNotices.removed(phone, device.deviceId()));
        }
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
        session.deviceJid().ifPresent(jid -> {
            sessionsByDevice.remove(jid, session);
            offline.onClosed(session, jid);
        });
        codeLinking.onClosed(session);
        passkeyLinking.onClosed(session);
        forgetOldClosedConnections();
    }

    /** Closed connections stay listed for inspection, up to a bound, oldest dropped first. */
    private void forgetOldClosedConnections() {
        var closed = sessions.values().stream()
                .filter(candidate -> candidate.state() == ChatSession.State.CLOSED)
                .sorted(Comparator.comparing(ChatSession::openedAt))
                .toList();
        closed.subList(0, Math.max(0, closed.size() - CLOSED_CONNECTIONS_KEPT)).forEach(old -> sessions.remove(old.id()));
    }

    public Collection<ChatSession> sessions() {
        return List.copyOf(sessions.values());
    }

    public Optional<ChatSession> session(long id) {
        return Optional.ofNullable(sessions.get(id));
    }
}
