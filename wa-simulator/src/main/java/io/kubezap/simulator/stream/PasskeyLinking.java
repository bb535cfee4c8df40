package io.kubezap.simulator.stream;

import io.kubezap.simulator.passkey.AccountPasskey;
import io.kubezap.simulator.passkey.AssertionCheck;
import io.kubezap.simulator.passkey.Passkeys;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.node.Node;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Linking a companion to a passkey-protected account (WhatsApp's "Shortcake" flow, from ~2026-06-30): once the phone
 * has approved the link, the server holds {@code pair-success} back and sends
 * {@code <notification type="passkey_prologue_request">} with WebAuthn request options; the companion fetches a
 * {@code <ref>} and answers with {@code <passkey_prologue>} carrying the credential id and the assertion. Only a valid
 * assertion for the account's passkey over the current challenge lets the link complete. A refused or late answer
 * leaves the link waiting: the companion may fetch fresh options ({@code <passkey_request_options>}) and try again.
 */
final class PasskeyLinking {
    private static final Logger LOG = Logger.getLogger(PasskeyLinking.class.getName());
    /** The options' {@code timeout}: 600000 ms in the captures quoted on Baileys PR #2689 and openmessage #79. */
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(10);

    /** A link the phone approved that waits for the passkey. */
    private static final class Gate {
        final SimulatedPhone phone;
        final AccountPasskey passkey;
        final Runnable complete;
        volatile byte[] challenge;
        volatile Instant expiresAt;

        Gate(SimulatedPhone phone, AccountPasskey passkey, Runnable complete) {
            this.phone = phone;
            this.passkey = passkey;
            this.complete = complete;
        }
    }

    private final Passkeys passkeys;
    private final Clock clock;
    private final Duration answerDelay;
    private final AssertionCheck check = new AssertionCheck();
    private final SecureRandom random = new SecureRandom();
    private final Map<ChatSession, Gate> gates = new ConcurrentHashMap<>();

    PasskeyLinking(Passkeys passkeys, Clock clock, Duration answerDelay) {
        this.passkeys = passkeys;
        this.clock = clock;
        this.answerDelay = answerDelay;
    }

    /** Runs {@code complete} at once, or after a valid assertion when the account is passkey-protected. */
    void link(ChatSession session, SimulatedPhone phone, Runnable complete) {
        var passkey = passkeys.of(phone.number());
        if (passkey.isEmpty()) {
            complete.run();
            return;
        }
        var gate = new Gate(phone, passkey.get(), complete);
        renew(gate);
        gates.put(session, gate);
        session.send(ServerNodes.passkeyPrologueRequest(options(gate), clock.instant()));
    }

    /** The challenge a companion on {@code phoneNumber}'s account must answer now, if one waits. */
    Optional<byte[]> pendingChallenge(String phoneNumber) {
        return gates.values().stream().filter(gate -> gate.phone.number().equals(phoneNumber))
                .map(gate -> gate.challenge.clone()).findFirst();
    }

    /** Lets the challenge of every link waiting on {@code phoneNumber} run out, as if the user waited too long. */
    void expire(String phoneNumber) {
        var waiting = gates.values().stream().filter(gate -> gate.phone.number().equals(phoneNumber)).toList();
        if (waiting.isEmpty()) {
            throw new NoSuchElementException("No companion waits for a passkey on " + phoneNumber);
        }
        waiting.forEach(gate -> gate.expiresAt = clock.instant());
    }

    Optional<Node> answer(ChatSession session, Node iq) {
        var gate = gates.get(session);
        if (gate == null || !"md".equals(iq.attributes().getString("xmlns", ""))) {
            return Optional.empty();
        }
        if (iq.findChild("ref").isPresent()) {
            return Optional.of(ServerNodes.result(iq, Node.of("ref", ServerNodes.newRef().getBytes(StandardCharsets.US_ASCII))));
        }
        if (iq.findChild("passkey_request_options").isPresent()) {
            renew(gate);
            return Optional.of(ServerNodes.result(iq, Node.of("passkey_request_options", options(gate).getBytes(StandardCharsets.UTF_8))));
        }
        return iq.findChild("passkey_prologue").map(prologue -> onPrologue(session, gate, iq, prologue));
    }

    private Node onPrologue(ChatSession session, Gate gate, Node iq, Node prologue) {
        var assertion = prologue.findChild("webauthn_assertion").flatMap(PasskeyLinking::text);
        var credentialId = prologue.findChild("credential_id").flatMap(PasskeyLinking::text);
        if (assertion.isEmpty() || credentialId.isEmpty() || prologue.findChild("prologue_payload").isEmpty()) {
            return ServerNodes.error(iq, 400, "bad-request");
        }
        if (!clock.instant().isBefore(gate.expiresAt)) {
            LOG.info(() -> "Connection " + session.id() + " answered a passkey challenge that expired at " + gate.expiresAt);
            return ServerNodes.error(iq, 408, "challenge-expired");
        }
        try {
            check.verify(assertion.get(), gate.passkey, gate.challenge);
        } catch (AssertionCheck.Refused refused) {
            LOG.info(() -> "Connection " + session.id() + " sent a passkey assertion the server refuses: " + refused.getMessage());
            return ServerNodes.error(iq, 401, "not-authorized");
        }
        gates.remove(session);
        session.socket().schedule(gate.complete, answerDelay);
        return ServerNodes.result(iq);
    }

    void onClosed(ChatSession session) {
        gates.remove(session);
    }

    private void renew(Gate gate) {
        var challenge = new byte[32];
        random.nextBytes(challenge);
        gate.challenge = challenge;
        gate.expiresAt = clock.instant().plus(CHALLENGE_LIFETIME);
    }

    /** The request options as the captures show them: JSON for {@code navigator.credentials.get({publicKey})}. */
    private static String options(Gate gate) {
        return "{\"challenge\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(gate.challenge) + "\",\"timeout\":"
                + CHALLENGE_LIFETIME.toMillis() + ",\"rpId\":\"" + AccountPasskey.RP_ID
                + "\",\"allowCredentials\":[],\"userVerification\":\"required\",\"extensions\":{\"uvm\":true}}";
    }

    private static Optional<String> text(Node node) {
        return node.contentAsBytes().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).or(node::contentAsString);
    }
}
