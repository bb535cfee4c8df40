package io.kubezap.simulator.phone;

import java.util.NoSuchElementException;
import io.kubezap.simulator.appstate.AccountAppState;
import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.content.Content;
import io.kubezap.simulator.content.InteractiveMessages;
import io.kubezap.simulator.content.MessageContents;
import io.kubezap.simulator.content.MessageKey;
import io.kubezap.simulator.content.PollVoteCipher;
import io.kubezap.simulator.content.EventMessages;
import io.kubezap.simulator.content.MessageSecretCipher;
import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import io.kubezap.simulator.signal.PreKeyBundle;
import io.kubezap.simulator.signal.PreKeyMessage;
import io.kubezap.simulator.signal.SignalIdentity;
import io.kubezap.simulator.signal.SenderKey;
import io.kubezap.simulator.signal.SignalSession;
import io.kubezap.simulator.signal.TextMessage;
import it.auties.curve25519.Curve25519;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A primary device (the phone) of one WhatsApp account: its number, push name, account
 * signing key, and the companions it has linked.
 */
public final class SimulatedPhone {
    private final String number;
    private volatile String pushName;
    private final AccountAppState appState;
    private final byte[] accountPrivateKey = Curve25519.randomPrivateKey();
    private final byte[] accountPublicKey = Curve25519.getPublicKey(accountPrivateKey);
    private final AtomicInteger nextDeviceId = new AtomicInteger(1);
    /** The prefix of the account's signature over its key index list, after the device identity's 6,0 and 6,1. */
    private static final byte[] KEY_INDEX_LIST_SIGNATURE_PREFIX = {6, 2};
    private final int keyIndexListRawId = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    private final Map<Integer, LinkedDevice> devices = new ConcurrentHashMap<>();
    private final int registrationId = 1 + ThreadLocalRandom.current().nextInt(16380);
    private final SignalIdentity signalIdentity = new SignalIdentity(accountPrivateKey, accountPublicKey, registrationId);
    /** Signal sessions by companion device and by which of this account's addresses (LID or number) they run under. */
    private final Map<SessionKey, SignalSession> signalSessions = new ConcurrentHashMap<>();
    /**
     * The sessions each companion device had before its current ones, newest first, under either address: like
     * libsignal's session record (which keeps 40 earlier states), a prekey message of an earlier session still decrypts
     * in it. Clients send one until the phone answers, and LID-first ones move a session from the number to the LID.
     */
    private final Map<Jid, java.util.Deque<SignalSession>> earlierSessions = new ConcurrentHashMap<>();
    private static final int EARLIER_SESSIONS_KEPT = 40;
    private final Map<String, Jid> addressedAs = new ConcurrentHashMap<>();
    /** The {@code <biz>} node's child a message's stanza carried, told by the server before the message is decrypted. */
    private final Map<String, String> bizNodes = new ConcurrentHashMap<>();
    /** The number a LID-addressed message named beside the LID ({@code peer_recipient_pn}), by message id. */
    private final Map<String, Jid> numberAlongside = new ConcurrentHashMap<>();
    private volatile String username;
    private volatile boolean lidAddressed;
    private volatile boolean hidesNumber;
    private final Map<String, SenderKey> senderKeys = new ConcurrentHashMap<>();
    private final Map<String, String> savedContacts = new ConcurrentHashMap<>();
    private final Map<String, SenderKey> ownSenderKeys = new ConcurrentHashMap<>();
    private final Map<String, Set<Jid>> senderKeyRecipients = new ConcurrentHashMap<>();
    private final List<ReceivedMessage> inbox = new CopyOnWriteArrayList<>();
    private final List<ReceivedMessage> overheard = new CopyOnWriteArrayList<>();
    /** Messages to this account one of its companions marked read with its read receipts off ({@code read-self}). */
    private final Set<String> readSelf = ConcurrentHashMap.newKeySet();
    /** Further devices of this account that the simulator runs itself (as it runs the phone), by device id. */
    private final Map<Integer, SimulatedPhone> simulatedDevices = new ConcurrentHashMap<>();
    private final Map<String, byte[]> sentMessages = new ConcurrentHashMap<>();
    private final Map<String, PhoneMessage> messages = new ConcurrentHashMap<>();
    private final PhoneAlbums albums = new PhoneAlbums();
    private final DisappearingTimers disappearing = new DisappearingTimers();
    private final Map<String, DecryptFailure> decryptFailures = new java.util.LinkedHashMap<>();
    private final List<Resend> resends = new CopyOnWriteArrayList<>();
    private int decryptFaults;
    private final Map<String, PhoneCall> calls = new java.util.LinkedHashMap<>();
    private volatile PhoneProfile profile = PhoneProfile.initial(Instant.now());
    private final PrivacySettings privacy = new PrivacySettings();
    private VerifiedName verifiedName;
    private final Jid lid;

    public SimulatedPhone(String number, String pushName) {
        this(number, pushName, newLid());
    }

    /** {@code lid}: the account's LID, which WhatsApp gives a number once and keeps. */
    public SimulatedPhone(String number, String pushName, Jid lid) {
        this.lid = lid;
        if (number == null || !number.matches("[1-9][0-9]{6,15}")) {
            throw new IllegalArgumentException("A phone number is 7 to 16 digits with its country code, got " + number);
        }
        this.number = number;
        this.pushName = pushName == null || pushName.isBlank() ? number : pushName;
        this.appState = new AccountAppState(this.pushName, Instant.now());
    }

    /** A fresh LID: 15 digits, as WhatsApp's. */
    static Jid newLid() {
        return Jid.of(String.valueOf(100_000_000_000_000L + ThreadLocalRandom.current().nextLong(900_000_000_000_000L)), JidServer.lid());
    }

    public String number() {
        return number;
    }

    public String pushName() {
        return pushName;
    }

    /** A business account's verified name (issued when it became one, renewed when the name changes); empty for a person. */
    public synchronized Optional<VerifiedName> verifiedName() {
        var business = profile.business();
        if (business == null) {
            return Optional.empty();
        }
        var name = business.name() == null || business.name().isBlank() ? pushName : business.name();
        if (verifiedName == null || !verifiedName.name().equals(name)) {
            verifiedName = VerifiedName.issue(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), name, Instant.now(), accountPrivateKey);
        }
        return Optional.of(verifiedName);
    }

    public PhoneProfile profile() {
        return profile;
    }

    public void profile(PhoneProfile changed) {
        this.profile = changed;
    }

    /** Who sees what of this account (last seen, online, picture, about, …), as its owner or a companion set it. */
    public PrivacySettings privacy() {
        return privacy;
    }

    /**
     * The owner changes the account's push name; companions learn it through app-state sync.
     *
     * @return the version of the app-state collection that now holds it
     */
    public long rename(String newPushName, Instant at) {
        if (newPushName == null || newPushName.isBlank()) {
            throw new IllegalArgumentException("A push name must not be blank");
        }
        pushName = newPushName;
        return appState.setPushName(newPushName, at);
    }

    /** A companion renamed the account in its app state ({@code setting_pushName}): the phone shows that name. */
    public void takePushNameFromAppState() {
        appState.pushName().ifPresent(name -> pushName = name);
    }

    /**
     * The owner saves someone in the phone's address book; companions learn the name through app-state sync.
     *
     * @return the version of the app-state collection that now holds it
     */
    public long saveContact(Jid contact, String fullName, String firstName, Instant at) {
        if (fullName == null || fullName.isBlank()) {
            throw new IllegalArgumentException("fullName (the name saved on the phone) is required");
        }
        savedContacts.put(contact.toString(), fullName);
        return appState.saveContact(contact.toString(), fullName, firstName, at);
    }

    /** The phone's address book: JID → the name the owner saved. */
    public Map<String, String> savedContacts() {
        return Map.copyOf(savedContacts);
    }

    /** The account's app state (push name and the other synced settings) and its sync key. */
    public AccountAppState appState() {
        return appState;
    }

    public Jid jid() {
        return Jid.of(number, JidServer.whatsapp());
    }

    /** The account's privacy identity (LID), sent in {@code success}. */
    public Jid lid() {
        return lid;
    }

    /** Whether WhatsApp addresses this account by its LID: its messages then come from {@code <lid>@lid}. */
    public boolean lidAddressed() {
        return lidAddressed;
    }

    public void lidAddressed(boolean byLid) {
        this.lidAddressed = byLid;
    }

    /**
     * Whether a LID-addressed account keeps its number from those it writes to: its messages then carry no
     * {@code sender_pn} (as for someone known only by username); a number check by its number still finds the LID.
     */
    public boolean hidesNumber() {
        return hidesNumber;
    }

    public void hidesNumber(boolean hidden) {
        this.hidesNumber = hidden;
    }

    /** The phone-number JID a message from this account reveals next to its LID, if any. */
    public Optional<Jid> revealedNumber() {
        return lidAddressed && !hidesNumber ? Optional.of(jid()) : Optional.empty();
    }

    /** The address others see this account's messages come from. */
    public Jid address() {
        return lidAddressed ? lid : jid();
    }

    /** Whether {@code user} (a phone-number or LID JID, any device) names this account. */
    public boolean isNamedBy(Jid user) {
        return JidServer.lid().equals(user.server()) ? lid.user().equals(user.user()) : number.equals(user.user());
    }

    /** The account's {@code @username} as WhatsApp keeps it (lower case, no {@code @}); null when it has none. */
    public String username() {
        return username;
    }

    void username(String name) {
        this.username = name;
    }

    /** Notes the number a message sent to this account's LID named beside it ({@code peer_recipient_pn}). */
    public void numberAlongside(String messageId, Jid number) {
        numberAlongside.put(messageId, Jid.of(number.user(), number.server()));
    }

    /** The number a received message named beside the LID it was sent to, by message id. */
    public Optional<Jid> numberAlongside(String messageId) {
        return Optional.ofNullable(numberAlongside.get(messageId));
    }

    /** The address (LID or number JID) a received message was sent to, by message id. */
    public Optional<Jid> addressedAs(String messageId) {
        return Optional.ofNullable(addressedAs.get(messageId));
    }

    private record SessionKey(Jid device, boolean viaLid) {
    }

    byte[] accountPrivateKey() {
        return accountPrivateKey;
    }

    byte[] accountPublicKey() {
        return accountPublicKey;
    }

    /** Reserves the next companion slot; the device exists only once it has signed. */
    Jid nextCompanionJid() {
        return Jid.of(number, JidServer.whatsapp(), nextDeviceId.getAndIncrement(), 0);
    }

    void addDevice(LinkedDevice device) {
        devices.put(device.deviceId(), device);
    }

    /** Encrypts for another device, starting a Signal session from its published keys when there is none. */
    public synchronized SignalSession.Encrypted encryptFor(Jid device, Supplier<PreKeyBundle> keys, byte[] plaintext) {
        return encryptFor(device, lidAddressed, keys, plaintext);
    }

    /** The same from this account's LID ({@code viaLid}) or number, whichever the recipient sees the message come from. */
    public synchronized SignalSession.Encrypted encryptFor(Jid device, boolean viaLid, Supplier<PreKeyBundle> keys, byte[] plaintext) {
        return signalSessions.computeIfAbsent(new SessionKey(device, viaLid), ignored -> SignalSession.initiate(signalIdentity, keys.get()))
                .encrypt(plaintext);
    }

    /** Encrypts for another device in a new Signal session from its published keys (it could not decrypt the old one). */
    public synchronized SignalSession.Encrypted encryptAfresh(Jid device, Supplier<PreKeyBundle> keys, byte[] plaintext) {
        var session = SignalSession.initiate(signalIdentity, keys.get());
        replaceSession(new SessionKey(device, lidAddressed), session);
        return session.encrypt(plaintext);
    }

    /** Makes {@code session} the current one under {@code key}, keeping the one it replaces among the device's earlier ones. */
    private void replaceSession(SessionKey key, SignalSession session) {
        var replaced = signalSessions.put(key, session);
        var earlier = earlierSessions.computeIfAbsent(deviceOf(key.device()), ignored -> new java.util.ArrayDeque<>());
        earlier.removeIf(kept -> kept == session);
        if (replaced != null && replaced != session) {
            earlier.addFirst(replaced);
            while (earlier.size() > EARLIER_SESSIONS_KEPT) {
                earlier.removeLast();
            }
        }
    }

    /** The device's earlier or other-address session that {@code baseKey} started, if the phone still has it. */
    private Optional<SignalSession> earlierSession(Jid device, byte[] baseKey) {
        return Stream.concat(signalSessions.entrySet().stream().filter(entry -> deviceOf(entry.getKey().device()).equals(deviceOf(device)))
                                .map(Map.Entry::getValue),
                        earlierSessions.getOrDefault(deviceOf(device), new java.util.ArrayDeque<>()).stream())
                .filter(session -> session.startedWith(baseKey))
                .findFirst();
    }

    private static Jid deviceOf(Jid jid) {
        return Jid.of(jid.user(), JidServer.whatsapp(), jid.device(), 0);
    }

    /** The keys a {@code get encrypt key} query for this phone (device 0) answers with. */
    public SignalIdentity.PublishedKeys publishedKeys() {
        return signalIdentity.publish();
    }

    /**
     * Decrypts a message a device sent to this phone and, when this phone's account is the
     * addressee (not a copy for the sender's own phone), keeps it in the inbox. {@code addressedTo} is the address the
     * sender used for this phone (its number or its LID): each has its own Signal session, as on WhatsApp.
     *
     * @throws IllegalArgumentException when it does not decrypt
     */
    public synchronized Optional<ReceivedMessage> receive(String id, Jid fromDevice, Jid addressedTo, String encType, byte[] ciphertext,
                                                          boolean addressedToThisPhone, Instant at, MediaHost mediaHost) {
        if (decryptFaults > 0) {
            decryptFaults--;
            throw new IllegalArgumentException("no Signal session with " + fromDevice + " (a decrypt fault the control API injected)");
        }
        var plaintext = decrypt(fromDevice, addressedTo, encType, ciphertext);
        decryptFailures.computeIfPresent(id, (ignored, failure) -> failure.recoveredAt() == null ? failure.recovered(at) : failure);
        keepSenderKey(fromDevice, TextMessage.unpadded(plaintext));
        if (!addressedToThisPhone) {
            return Optional.empty();
        }
        // a resend after a retry receipt carries the same id: WhatsApp shows a message once
        if (findReceived(id).isPresent()) {
            resends.add(resend(id, fromDevice, TextMessage.unpadded(plaintext), at));
            return Optional.empty();
        }
        addressedAs.put(id, Jid.of(addressedTo.user(), addressedTo.server()));
        return accept(id, fromDevice, TextMessage.unpadded(plaintext), at, mediaHost);
    }

    /**
     * Decrypts a message one of the account's own companions sent its phone (a peer message, such as an on-demand
     * history request); the {@code Message}, unpadded.
     *
     * @throws IllegalArgumentException when it does not decrypt
     */
    public synchronized byte[] receivePeer(Jid fromDevice, Jid addressedTo, String encType, byte[] ciphertext) {
        return TextMessage.unpadded(decrypt(fromDevice, addressedTo, encType, ciphertext));
    }

    private byte[] decrypt(Jid fromDevice, Jid addressedTo, String encType, byte[] ciphertext) {
        var key = new SessionKey(fromDevice, JidServer.lid().equals(addressedTo.server()));
        return switch (encType) {
            case "pkmsg" -> {
                var message = PreKeyMessage.parse(ciphertext);
                var existing = signalSessions.get(key);
                var session = existing != null && existing.startedWith(message.baseKey())
                        ? existing
                        : earlierSession(fromDevice, message.baseKey()).orElseGet(() -> SignalSession.respond(signalIdentity, message));
                var decrypted = session.decrypt(message.signalMessage());
                replaceSession(key, session);
                yield decrypted;
            }
            case "msg" -> decryptMessage(key, sessionFor(key)
                    .orElseThrow(() -> new IllegalArgumentException("No Signal session with " + fromDevice + " as " + addressedTo)), ciphertext);
            default -> throw new IllegalArgumentException("Unsupported enc type " + encType);
        };
    }

    /**
     * The session under {@code key}; for a message to this phone's LID when there is none, the one its number had: once a
     * client knows a contact's LID it moves its sessions from the number to the LID (Baileys 7's {@code migrateSession},
     * as WhatsApp's clients do) and goes on in them without a prekey message, and the phone follows.
     */
    private Optional<SignalSession> sessionFor(SessionKey key) {
        var session = signalSessions.get(key);
        if (session == null && key.viaLid()) {
            session = signalSessions.get(new SessionKey(key.device(), false));
            if (session != null) {
                signalSessions.put(key, session);
            }
        }
        return Optional.ofNullable(session);
    }

    /**
     * A message to this phone's LID that does not decrypt in the LID's session may belong to the one the phone started
     * from its number: a client that knows the phone's LID keeps one session per device of the phone and files a prekey
     * message from the number under the LID too (Baileys 7's LID mapping, whatsmeow's {@code MigratePNToLID}), so it goes
     * on there. That session becomes the LID's as well. Only this one session is tried, not every earlier one.
     */
    private byte[] decryptMessage(SessionKey key, SignalSession session, byte[] ciphertext) {
        try {
            return session.decrypt(ciphertext);
        } catch (IllegalArgumentException notInTheLidSession) {
            var underNumber = key.viaLid() ? signalSessions.get(new SessionKey(key.device(), false)) : null;
            if (underNumber == null || underNumber == session) {
                throw notInTheLidSession;
            }
            byte[] plaintext;
            try {
                plaintext = underNumber.decrypt(ciphertext);
            } catch (IllegalArgumentException notInTheNumberSessionEither) {
                notInTheLidSession.addSuppressed(notInTheNumberSessionEither);
                throw notInTheLidSession;
            }
            replaceSession(key, underNumber);
            return plaintext;
        }
    }

    /** WhatsApp's clients give up asking for a message again after five retry receipts. */
    private static final int MAX_RETRY_RECEIPTS = 5;

    /**
     * Notes that a message from {@code fromDevice} did not decrypt.
     *
     * @return the number of the retry receipt to send for it, empty when the phone has asked often enough or already
     * has the message
     */
    public synchronized java.util.OptionalInt decryptFailed(String id, Jid fromDevice, String reason, Instant at) {
        if (findReceived(id).isPresent()) {
            return java.util.OptionalInt.empty();
        }
        var failure = decryptFailures.merge(id, new DecryptFailure(id, fromDevice, reason, 1, at, null),
                (known, ignored) -> known.retried(reason, at));
        return failure.retries() > MAX_RETRY_RECEIPTS ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(failure.retries());
    }

    /** Every message that failed to decrypt at least once, oldest first, with whether a resend recovered it. */
    /**
     * The next {@code count} messages companions send this device fail to decrypt, as for a device that lost its Signal
     * sessions: it asks again for each with a retry receipt.
     */
    public synchronized void failNextDecrypts(int count) {
        decryptFaults = count;
    }

    public synchronized List<DecryptFailure> decryptFailures() {
        return List.copyOf(decryptFailures.values());
    }

    /** What reached this phone again under ids it already had, oldest first. */
    public List<Resend> resends() {
        return List.copyOf(resends);
    }

    private static Resend resend(String id, Jid fromDevice, byte[] message, Instant at) {
        var content = MessageContents.parse(message).content();
        var text = switch (content) {
            case Content.Text shown -> shown.text();
            case Content.Media media -> media.media().caption();
            default -> null;
        };
        return new Resend(id, fromDevice, content.type(), text, at);
    }

    /**
     * Takes a message another simulated phone sent to this one. Both live in the simulator, so it is handed over as
     * its {@code Message} protobuf; what this phone's companions get of it is Signal-encrypted as usual. A file in it
     * is not downloaded until the owner taps it ({@link #downloadAgain}), so that the media host's download counts
     * show only what companions fetched.
     */
    public synchronized Optional<ReceivedMessage> receiveFromPhone(String id, Jid fromPhone, byte[] message, Instant at) {
        return accept(id, fromPhone, message, at, null);
    }

    /** A message another simulated phone posted in a group this phone is in. */
    public synchronized Optional<ReceivedMessage> receiveFromPhoneInGroup(String id, Jid group, Jid fromPhone, byte[] message, Instant at) {
        return accept(id, fromPhone, message, at, null, group);
    }

    /**
     * A device's group message ({@code skmsg}): decrypted with the sender key that device distributed to this phone for
     * that group, and kept in the inbox.
     *
     * @throws IllegalArgumentException when this phone has no sender key from that device in that group, or it does not decrypt
     */
    public synchronized Optional<ReceivedMessage> receiveInGroup(String id, Jid group, Jid fromDevice, byte[] senderKeyMessage,
                                                                 Instant at, MediaHost mediaHost) {
        var key = Optional.ofNullable(senderKeys.get(senderKeyName(group, fromDevice)))
                .orElseThrow(() -> new IllegalArgumentException("No sender key from " + fromDevice + " in " + group));
        var message = TextMessage.unpadded(key.decrypt(senderKeyMessage));
        decryptFailures.computeIfPresent(id, (ignored, failure) -> failure.recoveredAt() == null ? failure.recovered(at) : failure);
        // a resend after a retry receipt (to the whole group when a phone asked) carries the same id: shown once
        if (findReceived(id).isPresent()) {
            return Optional.empty();
        }
        return accept(id, fromDevice, message, at, mediaHost, group);
    }

    /**
     * A group message the server no longer routes to this phone (it left or was removed), tried with the sender key it
     * kept from when it was a member: kept in {@link #overheard()} when it decrypts. This is what a sender key that is
     * not renewed after someone leaves gives away to a former member who gets hold of the ciphertext.
     */
    public synchronized boolean overhear(String id, Jid group, Jid fromDevice, byte[] senderKeyMessage, Instant at) {
        var key = senderKeys.get(senderKeyName(group, fromDevice));
        if (key == null) {
            return false;
        }
        try {
            var message = TextMessage.unpadded(key.decrypt(senderKeyMessage));
            var text = MessageContents.parse(message).content() instanceof Content.Text parsed ? parsed.text() : null;
            overheard.add(new ReceivedMessage(id, fromDevice, "text", text, null, null, null, at, message, group));
            return true;
        } catch (IllegalArgumentException undecryptable) {
            return false;
        }
    }

    /** The group messages this phone could read after it had left their group. */
    public List<ReceivedMessage> overheard() {
        return List.copyOf(overheard);
    }

    /**
     * Adds a device of this account that the simulator runs itself, as a second phone-like device (WhatsApp Desktop,
     * a tablet): it has its own Signal identity and inbox, is listed among the account's devices and takes the
     * messages encrypted for it.
     *
     * @return its device id
     */
    public int addSimulatedDevice() {
        var id = nextDeviceId.getAndIncrement();
        simulatedDevices.put(id, new SimulatedPhone(number, pushName));
        return id;
    }

    /** The device of this account that the simulator runs under {@code deviceId}: the phone itself for 0. */
    public Optional<SimulatedPhone> simulatedDevice(int deviceId) {
        return deviceId == 0 ? Optional.of(this) : Optional.ofNullable(simulatedDevices.get(deviceId));
    }

    /** The phone and the further devices of its account that the simulator runs. */
    public List<SimulatedPhone> simulatedAccountDevices() {
        var devices = new java.util.ArrayList<SimulatedPhone>(List.of(this));
        simulatedDeviceIds().forEach(id -> devices.add(simulatedDevices.get(id)));
        return devices;
    }

    /** The ids of the account's devices the simulator runs, the phone (0) first. */
    public List<Integer> simulatedAccountDeviceIds() {
        return Stream.concat(Stream.of(0), simulatedDeviceIds().stream()).toList();
    }

    /** The ids of the account's devices the simulator runs besides the phone. */
    public List<Integer> simulatedDeviceIds() {
        return simulatedDevices.keySet().stream().sorted().toList();
    }

    /** The account's devices as WhatsApp lists them: the phone (0), its linked companions and the simulated devices, ascending. */
    public List<Integer> deviceIds() {
        return Stream.concat(Stream.of(0), Stream.concat(devices().stream()
                        .filter(device -> device.status() == DeviceStatus.LINKED).map(LinkedDevice::deviceId), simulatedDeviceIds().stream()))
                .sorted().toList();
    }

    /**
     * The account's valid key indexes as its phone signs them ({@code ADVSignedKeyIndexList}: the list's details and the
     * account's signature over them), which WhatsApp hands a peer with a change of the device list
     * ({@code key-index-list}). A device's key index is its device id here, as in the device lists the server gives.
     */
    public byte[] signedKeyIndexList(Instant at) {
        var indexes = deviceIds().stream().filter(id -> id != 0).toList();
        var details = new ProtobufWriter().uint32(1, keyIndexListRawId).uint64(2, at.getEpochSecond())
                .uint32(3, indexes.isEmpty() ? 0 : indexes.getLast());
        indexes.forEach(index -> details.uint32(4, index));
        var detailsBytes = details.toByteArray();
        return new ProtobufWriter().bytes(1, detailsBytes)
                .bytes(2, Curve25519.sign(accountPrivateKey, io.kubezap.simulator.noise.Crypto.concat(KEY_INDEX_LIST_SIGNATURE_PREFIX, detailsBytes)))
                .toByteArray();
    }

    /** This phone's own sender key in a group, made on first use. */
    public synchronized SenderKey ownSenderKey(Jid group) {
        return ownSenderKeys.computeIfAbsent(group.toString(), ignored -> SenderKey.create());
    }

    /** Whether {@code device} still needs this phone's sender key for {@code group}; true only once per device. */
    public synchronized boolean markSenderKeySent(Jid group, Jid device) {
        return senderKeyRecipients.computeIfAbsent(group.toString(), ignored -> new java.util.HashSet<>()).add(device);
    }

    /** A {@code SenderKeyDistributionMessage} in a pairwise message: the sending device's key for a group. */
    private void keepSenderKey(Jid fromDevice, byte[] message) {
        ProtobufReader.read(message).bytes(2).map(ProtobufReader::read).ifPresent(distribution -> {
            var group = distribution.string(1).orElse("");
            distribution.bytes(2).ifPresent(serialized -> senderKeys.put(senderKeyName(Jid.of(group), fromDevice),
                    SenderKey.fromDistribution(serialized)));
        });
    }

    private static String senderKeyName(Jid group, Jid device) {
        return group.toSimpleJid() + "::" + device;
    }

    /** {@code mediaHost} null: a file is not downloaded now. */
    private Optional<ReceivedMessage> accept(String id, Jid fromDevice, byte[] message, Instant at, MediaHost mediaHost) {
        return accept(id, fromDevice, message, at, mediaHost, null);
    }

    private Optional<ReceivedMessage> accept(String id, Jid fromDevice, byte[] message, Instant at, MediaHost mediaHost, Jid group) {
        var parsed = MessageContents.parse(message);
        var author = fromDevice.toSimpleJid();
        if (parsed.content() instanceof Content.DisappearingSetting setting && group == null) {
            // from the chat's other side, or a copy of what the owner's own companion set (naming the chat)
            disappearing.chatSet(parsed.destinationJid() != null ? parsed.destinationJid() : author.toString(), setting.seconds());
            return Optional.empty();
        }
        if (parsed.content().isUpdate()) {
            applyUpdate(author, parsed.content(), at);
            return Optional.empty();
        }
        if (PhoneHdOriginals.grouped(group == null ? author : group, author, message, parsed.content(), messages::get,
                () -> mediaHost == null ? null : MediaDownloader.fetch(number, id, ((Content.Media) parsed.content()).media(), mediaHost))) {
            return Optional.empty();
        }
        var received = switch (parsed.content()) {
            case Content.Media media -> new ReceivedMessage(id, fromDevice, media.type(), null, media.media().caption(),
                    mediaHost == null ? null : MediaDownloader.fetch(number, id, media.media(), mediaHost),
                    media.media().quote() == null ? null : media.media().quote().stanzaId(), at, message, group);
            case Content.Text text -> new ReceivedMessage(id, fromDevice, "text", text.text(), null, null, text.quotedId(), at, message, group);
            default -> new ReceivedMessage(id, fromDevice, parsed.content().type(), null, null, null, null, at, message, group);
        };
        inbox.add(received);
        if (group == null) {
            disappearing.received(author.toString(), id, MessageContents.expiration(message));
        }
        messages.put(id, new PhoneMessage(id, false, group == null ? author : group, author, parsed.content(), parsed.messageSecret(), at,
                received.text() != null ? received.text() : received.caption(), Set.of()));
        messages.get(id).bizNode(bizNodes.remove(id));
        if (parsed.content() instanceof Content.Carousel carousel && mediaHost != null) {
            // the app downloads each card's picture as it shows the carousel
            messages.get(id).cardImages(carousel.cards().stream()
                    .map(card -> card.image() == null ? null : MediaDownloader.fetch(number, id, card.image(), mediaHost)).toList());
        }
        albums.received(id, group == null ? author : group, author, parsed.content(), message);
        return Optional.of(received);
    }

    /** A reaction, edit, deletion or vote from {@code author} on a message of this phone's chats. */
    private void applyUpdate(Jid author, Content update, Instant at) {
        switch (update) {
            case Content.Reaction reaction -> target(reaction.key()).ifPresent(target -> target.react(author, reaction.emoji()));
            case Content.Edit edit -> target(edit.key()).filter(target -> target.author().equals(author))
                    .ifPresent(target -> target.edit(edit.text(), at));
            case Content.Revoke revoke -> target(revoke.key()).filter(target -> target.author().equals(author))
                    .ifPresent(PhoneMessage::delete);
            case Content.PollVote vote -> target(vote.pollKey()).filter(target -> target.content() instanceof Content.Poll)
                    .ifPresent(poll -> poll.vote(author, PollVoteCipher.open(poll.secret(), poll.id(), poll.author().toString(),
                            author.toString(), vote.encPayload(), vote.iv(), ((Content.Poll) poll.content()).options())));
            case Content.EventResponse response -> target(response.eventKey()).filter(target -> target.content() instanceof Content.Event)
                    .ifPresent(event -> event.respond(author, EventMessages.answer(MessageSecretCipher.open(
                            MessageSecretCipher.UseCase.EVENT_RESPONSE, event.secret(), event.id(), event.author().toString(),
                            author.toString(), response.encPayload(), response.iv()))));
            case Content.EventEdit edit -> target(edit.key()).filter(target -> target.content() instanceof Content.Event)
                    .filter(target -> target.author().equals(author))
                    .ifPresent(event -> EventMessages.edited(MessageSecretCipher.open(MessageSecretCipher.UseCase.EVENT_EDIT,
                                    event.secret(), event.id(), event.author().toString(), author.toString(), edit.encPayload(), edit.iv()))
                            .ifPresent(changed -> event.replaceEvent(changed, at)));
            default -> throw new IllegalArgumentException("not an update: " + update.type());
        }
    }

    private Optional<PhoneMessage> target(MessageKey key) {
        return Optional.ofNullable(messages.get(key.id()));
    }

    /** What the owner does to a message in a chat: the update to send to {@code to}, already shown on this phone. */
    public record Update(Jid to, byte[] message, Content content) {
    }

    public synchronized Update react(String messageId, String emoji) {
        var target = message(messageId);
        target.react(jid(), emoji);
        var now = System.currentTimeMillis();
        return new Update(target.peer(), MessageContents.reaction(target.key(), emoji == null ? "" : emoji, now),
                new Content.Reaction(target.key(), emoji, now));
    }

    public synchronized Update edit(String messageId, String text) {
        var target = ownMessage(messageId, "edit");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("An edit needs a text");
        }
        var now = Instant.now();
        target.edit(text, now);
        return new Update(target.peer(), MessageContents.edit(target.key(), text, now.toEpochMilli()),
                new Content.Edit(target.key(), text, now.toEpochMilli()));
    }

    /** The owner turns disappearing messages in the chat with {@code to} on ({@code seconds}) or off (0). */
    public synchronized Update setDisappearing(Jid to, int seconds) {
        disappearing.chatSet(to.toSimpleJid().toString(), DisappearingTimers.checked(seconds));
        return new Update(to, MessageContents.disappearingSetting(seconds), new Content.DisappearingSetting(seconds));
    }

    public DisappearingTimers disappearing() {
        return disappearing;
    }

    public synchronized Update revoke(String messageId) {
        var target = ownMessage(messageId, "delete for everyone");
        target.delete();
        return new Update(target.peer(), MessageContents.revoke(target.key()), new Content.Revoke(target.key()));
    }

    public synchronized Update vote(String messageId, List<String> options) {
        var target = message(messageId);
        if (!(target.content() instanceof Content.Poll poll)) {
            throw new IllegalStateException("Message " + messageId + " is not a poll");
        }
        var unknown = options.stream().filter(option -> !poll.options().contains(option)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Not options of this poll: " + unknown + "; it has " + poll.options());
        }
        if (target.secret() == null) {
            throw new IllegalStateException("Poll " + messageId + " came without a message secret: votes on it cannot be encrypted");
        }
        target.vote(jid(), options);
        var sealed = PollVoteCipher.seal(target.secret(), target.id(), target.author().toString(), jid().toString(), options);
        var now = System.currentTimeMillis();
        return new Update(target.peer(), MessageContents.vote(target.key(), sealed, now),
                new Content.PollVote(target.key(), sealed.payload(), sealed.iv(), now));
    }

    /** The owner answers an event of one of its chats: GOING, NOT_GOING or MAYBE, sealed with the event's secret. */
    public synchronized Update respond(String messageId, String answer) {
        var target = message(messageId);
        if (!(target.content() instanceof Content.Event)) {
            throw new IllegalStateException("Message " + messageId + " is not an event");
        }
        if (target.secret() == null) {
            throw new IllegalStateException("Event " + messageId + " came without a message secret: it cannot be answered");
        }
        var now = System.currentTimeMillis();
        var message = EventMessages.response(target.key(), target.secret(), target.author().toString(), jid().toString(), answer, now);
        target.respond(jid(), answer);
        var sent = (Content.EventResponse) MessageContents.parse(message).content();
        return new Update(target.peer(), message, sent);
    }

    /** The server saw a {@code <biz>} node holding {@code node} beside message {@code id} (WhatsApp delivers buttons and lists with one). */
    public void bizNode(String id, String node) {
        bizNodes.put(id, node);
    }

    /**
     * The owner taps button (or picks row) {@code optionId} of received message {@code messageId}: the reply as today's
     * apps send it ({@link InteractiveMessages#choice}), to go to the message's chat.
     */
    public synchronized Update choose(String messageId, String optionId) {
        var target = message(messageId);
        var message = InteractiveMessages.choice(target.content(), optionId, messageId, target.author().toString());
        return new Update(target.peer(), message, MessageContents.parse(message).content());
    }

    /** The chat (person or group) a message of this phone is in. */
    public synchronized Jid chatOf(String messageId) {
        return message(messageId).peer();
    }

    private PhoneMessage message(String messageId) {
        return Optional.ofNullable(messages.get(messageId))
                .orElseThrow(() -> new NoSuchElementException(number + " has no message " + messageId));
    }

    private PhoneMessage ownMessage(String messageId, String action) {
        var target = message(messageId);
        if (!target.sent()) {
            throw new IllegalStateException(number + " did not write message " + messageId + ": only its sender can " + action + " it");
        }
        return target;
    }

    /**
     * A companion of this account read a message with its read receipts off: WhatsApp passes the {@code read-self}
     * receipt to the account's own devices only, so this phone knows, and the sender does not.
     */
    public void readOnAnotherDevice(String messageId) {
        readSelf.add(messageId);
    }

    /** The messages {@link #readOnAnotherDevice} named. */
    public Set<String> readOnOtherDevices() {
        return Set.copyOf(readSelf);
    }

    /**
     * A receipt ({@code delivered} or {@code read}) from {@code reader} (an account, by number) for a message this phone
     * sent in {@code chat}: this phone's account for a one-to-one message, else the group or {@code status@broadcast}.
     *
     * @return false when this phone sent no such message there to that account: the receipt changes no tick
     */
    public synchronized boolean receipt(String messageId, Jid chat, String reader, String type) {
        var message = messages.get(messageId);
        if (message == null || !message.sent()) {
            return false;
        }
        var oneToOne = !message.peer().hasServer(JidServer.groupOrCommunity()) && !message.peer().hasServer(JidServer.broadcast());
        var inChat = oneToOne ? isNamedBy(chat) : message.peer().user().equals(chat.user()) && message.peer().server().equals(chat.server());
        return inChat && message.receipt(reader, type);
    }

    /** The owner calls {@code to}; the call rings until it is declined, hung up or times out. */
    public synchronized PhoneCall call(Jid to, boolean video, Instant at) {
        var random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        var id = java.util.HexFormat.of().withUpperCase().formatHex(random);
        var call = new PhoneCall(id, to, video, "ringing", null, at, null);
        calls.put(id, call);
        return call;
    }

    /** The call ended: hung up ({@code ended}), unanswered ({@code timed_out}) or declined ({@code rejected} by a device). */
    public synchronized PhoneCall endCall(String callId, String status, String by, Instant at) {
        var call = Optional.ofNullable(calls.get(callId))
                .orElseThrow(() -> new NoSuchElementException(number + " placed no call " + callId));
        if (!call.status().equals("ringing")) {
            throw new IllegalStateException("Call " + callId + " is already " + call.status());
        }
        var ended = call.end(status, by, at);
        calls.put(callId, ended);
        return ended;
    }

    public synchronized List<PhoneCall> calls() {
        return List.copyOf(calls.values());
    }

    /** The albums this phone's chats show, as it grouped the files it received ({@link PhoneAlbums}). */
    public synchronized List<PhoneAlbums.Album> albums() {
        return albums.all();
    }

    /** The phone's messages as its chats show them now, sent and received, oldest first. */
    public synchronized List<PhoneMessage> messages() {
        return messages.values().stream().sorted(java.util.Comparator.comparing(PhoneMessage::at)).toList();
    }

    public synchronized Optional<PhoneMessage> findMessage(String id) {
        return Optional.ofNullable(messages.get(id));
    }

    /**
     * The owner taps the message's file again: the phone downloads and checks it anew.
     *
     * @throws NoSuchElementException when there is no such message or it has no media
     */
    public synchronized ReceivedMessage downloadAgain(String messageId, MediaHost mediaHost) {
        var received = findReceived(messageId)
                .orElseThrow(() -> new NoSuchElementException(number + " received no message " + messageId));
        var content = MediaMessage.parse(ProtobufReader.read(received.message()))
                .orElseThrow(() -> new NoSuchElementException("Message " + messageId + " has no media"));
        var again = new ReceivedMessage(received.id(), received.fromDevice(), received.type(), received.text(), received.caption(),
                MediaDownloader.fetch(number, messageId, content, mediaHost), received.quotedMessageId(), received.receivedAt(), received.message(), received.group());
        inbox.replaceAll(message -> message.id().equals(messageId) ? again : message);
        return again;
    }

    /**
     * Remembers a message this phone sent to {@code to} (an account, a group or {@code status@broadcast}) for the
     * accounts {@code recipients} (by number), so that its owner can reply to it, edit it, and see its ticks.
     */
    public synchronized void recordSent(String id, Jid to, Set<String> recipients, byte[] message, Instant at) {
        sentMessages.put(id, message);
        var parsed = MessageContents.parse(message);
        if (!parsed.content().isUpdate()) {
            var text = switch (parsed.content()) {
                case Content.Text plain -> plain.text();
                case Content.Media media -> media.media().caption();
                default -> null;
            };
            messages.put(id, new PhoneMessage(id, true, to, jid(), parsed.content(), parsed.messageSecret(), at, text, recipients));
        }
    }

    /** What a reply to one of this phone's messages (sent or received) quotes. */
    public Optional<MediaMessage.Quote> quote(String messageId) {
        return findReceived(messageId)
                .map(received -> new MediaMessage.Quote(messageId, received.fromDevice().toSimpleJid().toString(), received.message()))
                .or(() -> Optional.ofNullable(sentMessages.get(messageId))
                        .map(sent -> new MediaMessage.Quote(messageId, jid().toString(), sent)));
    }

    public List<ReceivedMessage> inbox() {
        return List.copyOf(inbox);
    }

    public Optional<ReceivedMessage> findReceived(String id) {
        return inbox.stream().filter(message -> message.id().equals(id)).findFirst();
    }

    public Optional<LinkedDevice> device(int deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    public Collection<LinkedDevice> devices() {
        return List.copyOf(devices.values());
    }
}
