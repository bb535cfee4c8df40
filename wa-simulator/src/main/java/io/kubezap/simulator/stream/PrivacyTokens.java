package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trusted-contact privacy tokens. After a 1:1 send a companion issues its account's token to the contact
 * ({@code <iq xmlns="privacy" type="set"><tokens><token jid t type="trusted_contact"/></tokens></iq>}): the server
 * mints the opaque token, keeps it, answers with an empty result, and tells the contact's linked devices with a
 * {@code privacy_token} notification from the issuer ({@code sender_lid} its LID) whose {@code <token>} carries the
 * token's bytes, its time, and the contact's own JID. The contact then shows the token when it writes to the issuer.
 */
final class PrivacyTokens {
    static final String TRUSTED_CONTACT = "trusted_contact";
    private static final int TOKEN_BYTES = 24;

    private final PhoneDirectory phones;
    private final OfflineQueue offline;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<Issue, IssuedToken> issued = new ConcurrentHashMap<>();

    PrivacyTokens(PhoneDirectory phones, OfflineQueue offline, Clock clock) {
        this.phones = phones;
        this.offline = offline;
        this.clock = clock;
    }

    /** Who issued a token to whom, by phone number. */
    record Issue(String issuer, String contact) {
    }

    record IssuedToken(byte[] token, long timestamp) {
    }

    /** Answers a token issue; empty for any other IQ. {@code device}: the companion that asks. */
    Optional<Node> answer(Optional<Jid> device, Node iq) {
        var tokens = iq.findChild("tokens");
        if (!"privacy".equals(iq.attributes().getString("xmlns", "")) || !"set".equals(iq.attributes().getString("type", ""))
                || tokens.isEmpty()) {
            return Optional.empty();
        }
        var issuer = device.flatMap(companion -> phones.find(companion.user()));
        var asked = tokens.get().listChildren("token");
        if (issuer.isEmpty() || asked.isEmpty() || !asked.stream().allMatch(PrivacyTokens::isWellFormed)) {
            return Optional.of(ServerNodes.error(iq, 400, "bad-request"));
        }
        for (var token : asked) {
            var contact = phones.find(token.attributes().getRequiredJid("jid"));
            if (contact.isEmpty()) {
                return Optional.of(ServerNodes.error(iq, 404, "item-not-found"));
            }
            issue(issuer.get(), contact.get(), token.attributes().getLong("t"));
        }
        return Optional.of(ServerNodes.result(iq));
    }

    private static boolean isWellFormed(Node token) {
        return token.attributes().getOptionalJid("jid").isPresent()
                && TRUSTED_CONTACT.equals(token.attributes().getString("type", ""))
                && token.attributes().getLong("t") > 0;
    }

    private void issue(SimulatedPhone issuer, SimulatedPhone contact, long timestamp) {
        var token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        issued.put(new Issue(issuer.number(), contact.number()), new IssuedToken(token, timestamp));
        var notification = notification(issuer, contact, token, timestamp);
        contact.devices().stream()
                .filter(linked -> linked.status() == DeviceStatus.LINKED)
                .forEach(linked -> offline.deliver(linked.jid(), notification));
    }

    private Node notification(SimulatedPhone issuer, SimulatedPhone contact, byte[] token, long timestamp) {
        return Node.of("notification", ServerNodes.attributes("from", issuer.address(), "sender_lid", issuer.lid(),
                        "type", "privacy_token", "id", ServerNodes.newId(), "t", clock.instant().getEpochSecond()),
                Node.of("tokens", Node.of("token", ServerNodes.attributes("jid", contact.jid(), "t", timestamp,
                        "type", TRUSTED_CONTACT), token)));
    }

    /** The tokens {@code issuer} has issued, by contact number. */
    Map<String, IssuedToken> issuedBy(String issuer) {
        var byContact = new java.util.TreeMap<String, IssuedToken>();
        issued.forEach((issue, token) -> {
            if (issue.issuer().equals(issuer)) {
                byContact.put(issue.contact(), token);
            }
        });
        return byContact;
    }
}
