package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.VerifiedName;
import io.kubezap.simulator.signal.PreKeyBundle;
import io.kubezap.simulator.signal.PreKeyMessage;
import io.kubezap.simulator.signal.SignalIdentity;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The stanzas the server sends on its own initiative, shaped as WhatsApp's servers send them. */
final class ServerNodes {
    static final Jid SERVER = JidServer.whatsapp().toJid();

    private ServerNodes() {
    }

    static String newId() {
        var bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    static Node pairDevice(List<String> refs) {
        var children = refs.stream().map(ref -> Node.of("ref", ref)).toList();
        return Node.of("iq", attributes("id", newId(), "type", "set", "from", SERVER, "xmlns", "md"),
                Node.of("pair-device", children));
    }

    /** {@code <device>} names the companion by its phone-number device JID and by its device LID. */
    static Node pairSuccess(Jid companion, Jid companionLid, byte[] signedIdentity, String platform) {
        return Node.of("iq", attributes("id", newId(), "type", "set", "from", SERVER, "xmlns", "md"),
                Node.of("pair-success",
                        Node.of("device-identity", signedIdentity),
                        Node.of("platform", attributes("name", platform)),
                        Node.of("device", attributes("jid", companion, "lid", companionLid))));
    }

    /** {@code lid} is the logged-in device's own LID ({@code <lid>:<device>@lid}), not the account's. */
    static Node success(Instant now, Jid lid) {
        return Node.of("success", attributes(
                "t", now.getEpochSecond(),
                "props", "1",
                "abprops", "1",
                "location", "sim",
                "creation", now.getEpochSecond(),
                "lid", lid));
    }

    static Node failure(int reason) {
        return Node.of("failure", attributes("reason", reason, "location", "sim"));
    }

    static Node streamError(int code) {
        return Node.of("stream:error", attributes("code", code));
    }

    static Node conflict(String type) {
        return Node.of("stream:error", Node.of("conflict", attributes("type", type)));
    }

    static Node deviceRemoved() {
        return Node.of("stream:error", attributes("code", 401), Node.of("conflict", attributes("type", "device_removed")));
    }

    static Node result(Node iq, Node... content) {
        var attributes = attributes("id", iq.id(), "type", "result", "from", SERVER);
        return content.length == 0 ? Node.of("iq", attributes) : Node.of("iq", attributes, content);
    }

    static Node error(Node iq, int code, String text) {
        return Node.of("iq", attributes("id", iq.id(), "type", "error", "from", SERVER),
                Node.of("error", attributes("code", code, "text", text)));
    }

    static Node linkCodeRef(Node iq, String ref) {
        return result(iq, Node.of("link_code_companion_reg",
                Node.of("link_code_pairing_ref", ref.getBytes(StandardCharsets.US_ASCII))));
    }

    static Node primaryHello(String ref, byte[] wrappedPrimaryEphemeral, byte[] primaryIdentity, Instant now) {
        return Node.of("notification", attributes("from", SERVER, "type", "link_code_companion_reg", "id", newId(), "t", now.getEpochSecond()),
                Node.of("link_code_companion_reg", attributes("stage", "primary_hello"),
                        Node.of("link_code_pairing_wrapped_primary_ephemeral_pub", wrappedPrimaryEphemeral),
                        Node.of("primary_identity_pub", primaryIdentity),
                        Node.of("link_code_pairing_ref", ref.getBytes(StandardCharsets.US_ASCII))));
    }

    /** Asks the companion for a WebAuthn assertion before the link completes (whatsmeow PR #1186). */
    static Node passkeyPrologueRequest(String requestOptionsJson, Instant now) {
        return Node.of("notification", attributes("from", SERVER, "type", "passkey_prologue_request", "id", newId(), "t", now.getEpochSecond()),
                Node.of("passkey_request_options", requestOptionsJson.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A message from a phone. {@code recipient} is set on the copy a phone's own companions get of what it sent
     * (the chat it went to); null otherwise.
     */
    static Node phoneMessage(String id, Jid from, Jid recipient, String pushName, Instant now, MessageLabels labels, String encType,
                             byte[] ciphertext) {
        return phoneMessage(id, from, null, recipient, pushName, now, labels, encType, ciphertext);
    }

    /**
     * {@code senderPn}: the phone-number JID of a sender addressed by LID ({@code from} is then {@code <lid>@lid}); WhatsApp
     * reveals it to the recipient of a one-to-one message as {@code sender_pn}.
     */
    static Node phoneMessage(String id, Jid from, Jid senderPn, Jid recipient, String pushName, Instant now, MessageLabels labels,
                             String encType, byte[] ciphertext) {
        return phoneMessage(id, from, senderPn, recipient, pushName, now, labels, encType, ciphertext, null);
    }

    /** The same from a business account: its {@code verified_name} certificate rides along, as WhatsApp sends it. */
    static Node phoneMessage(String id, Jid from, Jid senderPn, Jid recipient, String pushName, Instant now, MessageLabels labels,
                             String encType, byte[] ciphertext, VerifiedName verifiedName) {
        var attributes = attributes("id", id, "from", from, "type", labels.type(), "t", now.getEpochSecond(), "notify", pushName);
        if (senderPn != null) {
            attributes.put("sender_pn", senderPn);
        }
        if (recipient != null) {
            attributes.put("recipient", recipient);
        }
        if (labels.edit() != null) {
            attributes.put("edit", labels.edit());
        }
        var enc = attributes("v", "2", "type", encType);
        if (labels.mediaType() != null) {
            enc.put("mediatype", labels.mediaType());
        }
        var encrypted = Node.of("enc", enc, ciphertext);
        if (verifiedName == null) {
            return Node.of("message", attributes, encrypted);
        }
        return Node.of("message", attributes, encrypted,
                Node.of("verified_name", attributes("v", "1", "serial", Long.toUnsignedString(verifiedName.serial())), verifiedName.certificate()));
    }

    /**
     * {@code message} with the Signal MAC of each ciphertext broken (its last byte flipped): no key opens it. A pre-key
     * message ends in its signed pre-key id, which a receiver that has the session does not read: the MAC broken is that
     * of the Signal message it carries.
     */
    static Node withBrokenMac(Node message) {
        var children = new ArrayList<Node>();
        for (var child : message.children()) {
            var ciphertext = child.description().equals("enc") ? child.contentAsBytes().orElse(null) : null;
            if (ciphertext == null || ciphertext.length == 0) {
                children.add(child);
                continue;
            }
            var broken = "pkmsg".equals(child.attributes().getString("type", ""))
                    ? withBrokenInnerMac(PreKeyMessage.parse(ciphertext)).serialized()
                    : lastByteFlipped(ciphertext);
            children.add(Node.of("enc", child.attributes().toMap(), broken));
        }
        return Node.of("message", message.attributes().toMap(), children.toArray(Node[]::new));
    }

    private static PreKeyMessage withBrokenInnerMac(PreKeyMessage message) {
        return message.carrying(lastByteFlipped(message.signalMessage()));
    }

    private static byte[] lastByteFlipped(byte[] ciphertext) {
        var broken = ciphertext.clone();
        broken[broken.length - 1] ^= 0x01;
        return broken;
    }

    /** {@code original} sent again under its id, encrypted anew; its {@code enc} says which attempt it is. */
    static Node resent(Node original, String encType, byte[] ciphertext, int count) {
        var children = new ArrayList<Node>();
        for (var child : original.children()) {
            if (child.description().equals("enc")) {
                var enc = child.attributes().toMap();
                enc.put("type", encType);
                enc.put("count", count);
                children.add(Node.of("enc", enc, ciphertext));
            } else {
                children.add(child);
            }
        }
        return Node.of("message", original.attributes().toMap(), children.toArray(Node[]::new));
    }

    static Node receiptAck(Node receipt) {
        var attributes = attributes("class", "receipt", "id", receipt.attributes().getString("id", ""),
                "from", receipt.attributes().getString("to", ""));
        var type = receipt.attributes().getString("type", "");
        if (!type.isEmpty()) {
            attributes.put("type", type);
        }
        return Node.of("ack", attributes);
    }

    /** A message between devices of one account (the phone to its companion), such as an app-state key share. */
    static Node peerMessage(String id, Jid from, Instant now, String encType, byte[] ciphertext) {
        return Node.of("message", attributes("id", id, "from", from, "type", "text", "category", "peer",
                "push_priority", "high", "t", now.getEpochSecond()), enc(encType, ciphertext));
    }

    private static Node enc(String encType, byte[] ciphertext) {
        return Node.of("enc", attributes("v", "2", "type", encType), ciphertext);
    }

    /** The answer to a {@code w:sync:app:state} pull. */
    static Node appStateSync(Node iq, List<Node> collections) {
        return result(iq, Node.of("sync", collections));
    }

    /** A push's answer: the collection's new version. */
    static Node appStateCollection(String name, long version) {
        return appStateCollection(name, version, null, List.of());
    }

    /**
     * One collection in a pull's answer: its current version, perhaps a snapshot (its {@code ExternalBlobReference};
     * null: none) and the patches the client lacks.
     */
    static Node appStateCollection(String name, long version, byte[] snapshot, List<byte[]> patches) {
        var attributes = attributes("name", name, "version", version);
        var children = new java.util.ArrayList<Node>();
        if (snapshot != null) {
            children.add(Node.of("snapshot", snapshot));
        }
        if (!patches.isEmpty()) {
            children.add(Node.of("patches", patches.stream().map(patch -> Node.of("patch", patch)).toList()));
        }
        return children.isEmpty() ? Node.of("collection", attributes) : Node.of("collection", attributes, children);
    }

    /** A collection of a push that the server refused: {@code type="error"} with WhatsApp's error code. */
    static Node appStateCollectionError(String name, int code, String text) {
        return Node.of("collection", attributes("name", name, "type", "error"), Node.of("error", attributes("code", code, "text", text)));
    }

    /** Tells a companion that a collection changed, so that it pulls. */
    static Node serverSync(String collection, long version, Instant now) {
        return Node.of("notification", attributes("from", SERVER, "type", "server_sync", "id", newId(), "t", now.getEpochSecond()),
                Node.of("collection", attributes("name", collection, "version", version)));
    }

    /**
     * Tells a companion that its account's default timer for new chats changed on another device (the phone's settings):
     * an {@code account_sync} notification with {@code <disappearing_mode duration t/>}, as WhatsApp sends it.
     */
    static Node defaultDisappearingChanged(int seconds, Instant now) {
        return Node.of("notification", attributes("from", SERVER, "type", "account_sync", "id", newId(), "t", now.getEpochSecond()),
                Node.of("disappearing_mode", attributes("duration", seconds, "t", now.getEpochSecond())));
    }

    /** Tells a companion at login what waited for it, by kind, before any of it is sent. */
    static Node offlinePreview(java.util.List<OfflineQueue.Queued> waiting) {
        java.util.function.ToLongFunction<String> of = tag -> waiting.stream().filter(queued -> queued.tag().equals(tag)).count();
        return Node.of("ib", attributes("from", SERVER), Node.of("offline_preview", attributes("count", waiting.size(),
                "message", of.applyAsLong("message"), "notification", of.applyAsLong("notification"),
                "receipt", of.applyAsLong("receipt"), "appdata", 0)));
    }

    /**
     * A stanza delivered from the offline storage at login, marked as the real server marks it: clients test only that
     * {@code offline} is there (whatsmeow's calls, Baileys' messages, receipts and notifications), not its value.
     */
    static Node fromOfflineStorage(Node stanza) {
        // a copy: the stanza's own map would mark the stanza as sent live too
        var attributes = new LinkedHashMap<String, Object>(stanza.attributes().toMap());
        attributes.put("offline", "1");
        return Node.of(stanza.description(), attributes, stanza.content());
    }

    /** Tells a companion that everything queued for it while it was away has been delivered: {@code count} stanzas. */
    static Node offlineMarker(int count) {
        return Node.of("ib", attributes("from", SERVER), Node.of("offline", attributes("count", count)));
    }

    static Node messageAck(String id, Jid chat, Instant now) {
        return Node.of("ack", attributes("class", "message", "id", id, "from", chat, "t", now.getEpochSecond()));
    }

    /** The server's refusal of a message: its ack with the error code, as whatsmeow and Baileys read it. */
    static Node messageNack(String id, Jid chat, String error, Instant now) {
        return Node.of("ack", attributes("class", "message", "id", id, "from", chat, "t", now.getEpochSecond(), "error", error));
    }

    /** {@code type}: null for a delivery, {@code read} or {@code played}. */
    static Node receipt(String id, Jid from, String type, Instant now) {
        return receipt(attributes("id", id, "from", from, "t", now.getEpochSecond()), type);
    }

    /** A receipt for a group message: from the group, {@code participant} the member that got it. */
    static Node groupReceipt(String id, Jid group, Jid participant, String type, Instant now) {
        return receipt(attributes("id", id, "from", group, "participant", participant, "t", now.getEpochSecond()), type);
    }

    private static Node receipt(Map<String, Object> attributes, String type) {
        if (type != null) {
            attributes.put("type", type);
        }
        return Node.of("receipt", attributes);
    }

    static Node usync(Node iq, List<Node> users) {
        return result(iq, Node.of("usync", Node.of("list", users)));
    }

    /** A usync {@code devices} answer for one user: its device ids (companions carry a key index). */
    static Node devices(List<Integer> deviceIds) {
        return Node.of("devices", Node.of("device-list", deviceIds.stream()
                .map(id -> id == 0 ? Node.of("device", attributes("id", 0)) : Node.of("device", attributes("id", id, "key-index", id)))
                .toList()));
    }

    /** A usync {@code contact} answer: {@code in} when the number is on WhatsApp. */
    static Node contact(boolean registered) {
        return Node.of("contact", attributes("type", registered ? "in" : "out"));
    }

    /** A usync {@code status} answer: the about text, {@code t} when it was set (epoch seconds). */
    static Node status(io.kubezap.simulator.phone.PhoneProfile profile) {
        return Node.of("status", attributes("t", profile.aboutSetAt().getEpochSecond()), profile.about());
    }

    /** An {@code encrypt} key-bundle answer, one {@code user} per device that has published keys. */
    static Node keyBundles(Node iq, Map<Jid, SignalIdentity.PublishedKeys> keysByDevice) {
        var users = keysByDevice.entrySet().stream()
                .map(entry -> keyBundle(entry.getKey(), entry.getValue()))
                .toList();
        return result(iq, Node.of("list", users));
    }

    /**
     * The answer to a device's {@code <digest/>} query, its key bundle as the server holds it: registration id, key
     * type, identity, signed pre-key, the ids of the one-time pre-keys still there, and a SHA-1 over the identity,
     * the signed pre-key, its signature and those pre-keys' public keys, which the device recomputes from what it
     * stored to see whether the server still has its keys.
     */
    static Node keyDigest(Node iq, PreKeyBundle bundle) {
        var preKeys = bundle.oneTimePreKeys();
        var sha1 = sha1();
        sha1.update(bundle.identityKey());
        sha1.update(bundle.signedPreKey());
        sha1.update(bundle.signedPreKeySignature());
        preKeys.forEach(key -> sha1.update(key.publicKey()));
        return result(iq, Node.of("digest",
                Node.of("registration", ByteBuffer.allocate(4).putInt(bundle.registrationId()).array()),
                Node.of("type", new byte[]{5}),
                Node.of("identity", bundle.identityKey()),
                Node.of("skey", Node.of("id", threeBytes(bundle.signedPreKeyId())), Node.of("value", bundle.signedPreKey()),
                        Node.of("signature", bundle.signedPreKeySignature())),
                Node.of("list", preKeys.stream().map(key -> Node.of("id", threeBytes(key.id()))).toList()),
                Node.of("hash", sha1.digest())));
    }

    private static java.security.MessageDigest sha1() {
        try {
            return java.security.MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JDK has SHA-1", impossible);
        }
    }

    private static Node keyBundle(Jid device, SignalIdentity.PublishedKeys keys) {
        var children = new ArrayList<Node>(List.of(
                Node.of("registration", ByteBuffer.allocate(4).putInt(keys.registrationId()).array()),
                Node.of("type", new byte[]{5}),
                Node.of("identity", keys.identityKey()),
                Node.of("skey", Node.of("id", threeBytes(keys.signedPreKeyId())), Node.of("value", keys.signedPreKey()),
                        Node.of("signature", keys.signedPreKeySignature()))));
        keys.oneTimePreKey().ifPresent(key -> children.add(Node.of("key", Node.of("id", threeBytes(key.id())), Node.of("value", key.publicKey()))));
        return Node.of("user", attributes("jid", device), children);
    }

    /**
     * What the server relays to a companion when a phone could not decrypt its message, as WhatsApp's clients send it:
     * a {@code receipt} of type {@code retry} naming the attempt, the phone's registration id and, from the second
     * attempt on, the phone's keys so that the companion can start a fresh session without asking the server.
     */
    static Node retryReceipt(String id, Jid from, int count, Instant now, SignalIdentity.PublishedKeys keys) {
        return retryReceipt(attributes("id", id, "from", from, "type", "retry", "t", now.getEpochSecond()), id, count, now, keys);
    }

    /**
     * The same for a group message one member device could not decrypt: it comes to the sender {@code from} the group,
     * {@code participant} naming the device that asks (as whatsmeow's and Baileys' senders read it: a device 0 has the
     * message sent again to the whole group, with the sender key; any other device gets it alone).
     */
    static Node groupRetryReceipt(String id, Jid group, Jid participant, int count, Instant now, SignalIdentity.PublishedKeys keys) {
        return retryReceipt(attributes("id", id, "from", group, "participant", participant, "type", "retry", "t", now.getEpochSecond()),
                id, count, now, keys);
    }

    private static Node retryReceipt(Map<String, Object> attributes, String id, int count, Instant now, SignalIdentity.PublishedKeys keys) {
        var children = new ArrayList<Node>(List.of(
                Node.of("retry", attributes("count", count, "id", id, "t", now.getEpochSecond(), "v", 1)),
                Node.of("registration", ByteBuffer.allocate(4).putInt(keys.registrationId()).array())));
        if (count > 1) {
            var keyChildren = new ArrayList<Node>(List.of(
                    Node.of("type", new byte[]{5}),
                    Node.of("identity", keys.identityKey()),
                    Node.of("skey", Node.of("id", threeBytes(keys.signedPreKeyId())), Node.of("value", keys.signedPreKey()),
                            Node.of("signature", keys.signedPreKeySignature()))));
            keys.oneTimePreKey().ifPresent(key -> keyChildren.add(2,
                    Node.of("key", Node.of("id", threeBytes(key.id())), Node.of("value", key.publicKey()))));
            children.add(Node.of("keys", keyChildren));
        }
        return Node.of("receipt", attributes, children);
    }

    private static byte[] threeBytes(int value) {
        return new byte[]{(byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    /** A pairing reference, as shown in QR codes and returned for pairing codes. */
    static String newRef() {
        var bytes = new byte[24];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "2@" + Base64.getEncoder().encodeToString(bytes);
    }

    static String newMessageId() {
        return "3EB0" + newId();
    }

    static Node ping() {
        return Node.of("iq", attributes("id", newId(), "type", "get", "from", SERVER, "xmlns", "urn:xmpp:ping"));
    }

    static Map<String, Object> attributes(Object... keysAndValues) {
        var attributes = new LinkedHashMap<String, Object>();
        for (var i = 0; i < keysAndValues.length; i += 2) {
            attributes.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return attributes;
    }
}
