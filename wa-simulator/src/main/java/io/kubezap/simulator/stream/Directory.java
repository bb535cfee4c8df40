package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import io.kubezap.simulator.phone.Usernames;
import io.kubezap.simulator.signal.PreKeyBundle;
import io.kubezap.simulator.signal.SignalIdentity;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is on WhatsApp, with which devices and which Signal keys: answers {@code usync} contact and
 * device queries and {@code encrypt} key queries, and keeps the pre-keys companions upload.
 */
final class Directory {
    private final PhoneDirectory phones;
    private final Map<Jid, PreKeyBundle> preKeys = new ConcurrentHashMap<>();

    Directory(PhoneDirectory phones) {
        this.phones = phones;
    }

    void onUpload(ChatSession session, Node iq) {
        var device = session.deviceJid();
        var bundle = PreKeyUploads.read(iq);
        if (device.isPresent() && bundle.isPresent()) {
            preKeys.merge(device.get(), bundle.get(), PreKeyBundle::absorb);
        }
    }

    /**
     * Answers the IQs that read the directory: {@code usync} (contacts, device lists), {@code encrypt}
     * key bundles and the asking device's own pre-key {@code count}.
     */
    Optional<Node> answer(ChatSession session, Node iq) {
        var xmlns = iq.attributes().getString("xmlns", "");
        if ("usync".equals(xmlns)) {
            return iq.findChild("usync").map(usync -> ServerNodes.usync(iq, usyncUsers(usync)));
        }
        if ("encrypt".equals(xmlns) && iq.findChild("count").isPresent()) {
            var left = session.deviceJid().flatMap(this::preKeysOf).map(PreKeyBundle::oneTimePreKeysLeft).orElse(0);
            return Optional.of(ServerNodes.result(iq, Node.of("count", ServerNodes.attributes("value", left))));
        }
        if ("encrypt".equals(xmlns) && iq.findChild("digest").isPresent()) {
            return Optional.of(session.deviceJid().flatMap(this::preKeysOf)
                    .map(bundle -> ServerNodes.keyDigest(iq, bundle))
                    .orElseGet(() -> ServerNodes.error(iq, 404, "item-not-found")));
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
                .flatMap(user -> askedUsername(user).map(username -> Optional.of(usernameUser(username, queries)))
                        .orElseGet(() -> askedJid(user).flatMap(jid -> usyncUser(jid, queries))).stream())
                .toList();
    }

    /** A user asked by username, as current clients resolve one: {@code <user><contact username="…"/></user>}. */
    private static Optional<String> askedUsername(Node user) {
        return user.findChild("contact").flatMap(contact -> contact.attributes().getOptionalString("username"))
                .map(Usernames::normalized);
    }

    /**
     * A username names an account without its number: WhatsApp answers under the account's LID (its number only as
     * {@code pn_jid}, unless it hides it, as for a user asked by LID); one nobody holds is {@code contact type="out"} with
     * no {@code jid}, so no client takes it for an account.
     */
    private Node usernameUser(String username, List<String> queries) {
        var holder = phones.findByUsername(username);
        if (holder.isEmpty()) {
            return Node.of("user", ServerNodes.contact(false));
        }
        return usyncUser(holder.get().lid(), queries).orElseThrow();
    }

    private static Optional<Jid> askedJid(Node user) {
        return user.attributes().getOptionalJid("jid")
                .or(() -> user.findChild("contact").flatMap(Node::contentAsString)
                        .map(number -> number.replaceAll("[^0-9]", ""))
                        .filter(number -> !number.isEmpty())
                        .map(number -> Jid.of(number, JidServer.whatsapp())));
    }

    /**
     * A user asked by number is answered under its number, its LID in the {@code lid} protocol's {@code val}; one asked by
     * LID under that LID, with its number as {@code pn_jid} (unless the account hides it) and a {@code lid} answer
     * without a value: the user is named by its LID already, so there is no other LID to give (as WhatsApp Web's and
     * whatsapp-rust's parsers read it; whatsmeow maps the answer's {@code jid} to its {@code lid val} as a number to a
     * LID, and Baileys 7 does the same, so a {@code val} here would pair a LID with itself).
     */
    private Optional<Node> usyncUser(Jid jid, List<String> queries) {
        var phone = phones.find(jid);
        var askedByLid = JidServer.lid().equals(jid.server());
        var children = new ArrayList<Node>();
        if (queries.contains("contact")) {
            children.add(ServerNodes.contact(phone.isPresent()));
        }
        if (queries.contains("devices")) {
            if (phone.isEmpty()) {
                return Optional.empty();
            }
            children.add(ServerNodes.devices(phone.get().deviceIds()));
        }
        if (queries.contains("lid") && phone.isPresent()) {
            children.add(askedByLid ? Node.of("lid") : Node.of("lid", ServerNodes.attributes("val", phone.get().lid())));
        }
        if (queries.contains("status") && phone.isPresent()) {
            children.add(ServerNodes.status(phone.get().profile()));
        }
        if (queries.contains("username") && phone.isPresent()) {
            children.add(Usernames.answer(phone.get().username()));
        }
        var attributes = ServerNodes.attributes("jid", askedByLid ? Jid.of(jid.user(), JidServer.lid()) : Jid.of(jid.user(), JidServer.whatsapp()));
        if (askedByLid && phone.isPresent() && !phone.get().hidesNumber()) {
            attributes.put("pn_jid", phone.get().jid());
        }
        return Optional.of(Node.of("user", attributes, children));
    }

    private Map<Jid, SignalIdentity.PublishedKeys> keysOf(List<Jid> devices) {
        var result = new LinkedHashMap<Jid, SignalIdentity.PublishedKeys>();
        for (var device : devices) {
            if (device.device() == 0) {
                phones.find(device).ifPresent(phone -> result.put(device, phone.publishedKeys()));
            } else {
                // a companion has one identity whichever address names it: asked by its LID, WhatsApp gives the keys it uploaded
                Optional.ofNullable(preKeys.get(numberDevice(device)))
                        .map(PreKeyBundle::publish)
                        .or(() -> phones.find(device).flatMap(phone -> phone.simulatedDevice(device.device()))
                                .map(SimulatedPhone::publishedKeys))
                        .ifPresent(keys -> result.put(device, keys));
            }
        }
        return result;
    }

    /** A device named by its account's LID ({@code <lid>:<device>@lid}) as the same device of its number; any other unchanged. */
    private Jid numberDevice(Jid device) {
        var number = JidServer.lid().equals(device.server()) ? phones.find(device).map(SimulatedPhone::number).orElse(device.user())
                : device.user();
        return Jid.of(number, JidServer.whatsapp(), device.device(), 0);
    }

    /** The keys a companion uploaded, if it did. */
    Optional<PreKeyBundle> preKeysOf(Jid device) {
        return Optional.ofNullable(preKeys.get(device));
    }
}
