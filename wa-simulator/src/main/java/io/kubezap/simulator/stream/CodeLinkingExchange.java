package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.CodeLinking;
import io.kubezap.simulator.phone.LinkCodeCrypto;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.QrCode;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Linking by pairing code as the server sees it: a companion's {@code companion_hello} waits for
 * its phone's owner to type the code; the phone's {@code primary_hello} then waits for the
 * companion's {@code companion_finish}; from its key bundle on, pairing goes on as after a QR scan.
 */
final class CodeLinkingExchange {
    private static final Logger LOG = Logger.getLogger(CodeLinkingExchange.class.getName());

    /** Continues with {@code pair-success} once the phone knows the companion's keys. */
    @FunctionalInterface
    interface Pairing {
        Jid offer(ChatSession session, SimulatedPhone phone, QrCode keys);
    }

    /** A companion that asked to link by code, until a phone enters it. */
    private record WaitingForCode(ChatSession session, CodeLinking.CompanionHello hello, Instant since) {
    }

    /** A phone that entered the code, until the companion sends its key bundle. */
    private record WaitingForBundle(ChatSession session, CodeLinking.PrimaryHello primaryHello) {
    }

    private final PhoneDirectory phones;
    private final Clock clock;
    private final Duration answerDelay;
    private final Pairing pairing;
    private final CodeLinking codeLinking = new CodeLinking();
    private final Map<String, WaitingForCode> waitingForCode = new ConcurrentHashMap<>();
    private final Map<String, WaitingForBundle> waitingForBundle = new ConcurrentHashMap<>();

    CodeLinkingExchange(PhoneDirectory phones, Clock clock, Duration answerDelay, Pairing pairing) {
        this.phones = phones;
        this.clock = clock;
        this.answerDelay = answerDelay;
        this.pairing = pairing;
    }

    void onRegistration(ChatSession session, Node iq, Node registration) {
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
        var ref = ServerNodes.newRef();
        var hello = new CodeLinking.CompanionHello(ref, phone.get(), wrapped.get(), noiseKey.get());
        waitingForCode.put(ref, new WaitingForCode(session, hello, clock.instant()));
        session.answer(ServerNodes.linkCodeRef(iq, ref));
    }

    /** See {@link ChatServer#enterPairingCode(String, String)}. */
    String enterPairingCode(String phoneNumber, String code) {
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
        session.socket().schedule(() -> pairing.offer(session, waiting.get().primaryHello().phone(), linkingKeys), answerDelay);
    }

    private static Optional<byte[]> content(Node parent, String child) {
        return parent.findChild(child)
                .flatMap(node -> node.contentAsBytes().or(() -> node.contentAsString().map(text -> text.getBytes(StandardCharsets.UTF_8))));
    }

    void onClosed(ChatSession session) {
        waitingForCode.values().removeIf(waiting -> waiting.session() == session);
        waitingForBundle.values().removeIf(waiting -> waiting.session() == session);
    }
}
