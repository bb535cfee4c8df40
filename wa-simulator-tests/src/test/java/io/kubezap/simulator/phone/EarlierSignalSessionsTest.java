package io.kubezap.simulator.phone;

import io.kubezap.simulator.signal.PreKeyBundle;
import io.kubezap.simulator.signal.SignalIdentity;
import io.kubezap.simulator.signal.SignalSession;
import io.kubezap.simulator.signal.TextMessage;
import it.auties.curve25519.Curve25519;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A companion keeps sending prekey messages in a session until the phone answers, and a LID-first one (Baileys 7) moves
 * its session with its own phone from the number to the LID: the phone must still decrypt a prekey message of a session it
 * has since replaced, as libsignal's session record (earlier states kept) does.
 */
class EarlierSignalSessionsTest {
    private final SimulatedPhone phone = new SimulatedPhone("5511999990001", "Loja");
    private final Jid companion = Jid.of("5511999990001", JidServer.whatsapp(), 1, 0);
    private final Jid byNumber = Jid.of("5511999990001", JidServer.whatsapp());
    private final Jid byLid = Jid.of(phone.lid().user(), JidServer.lid());
    private final SignalIdentity companionKeys = companionIdentity();

    @Test
    void aPrekeyMessageOfAReplacedSessionStillDecrypts() {
        var first = SignalSession.initiate(companionKeys, bundle());
        assertThat(text(first, byNumber, "um")).isEqualTo("um");
        var second = SignalSession.initiate(companionKeys, bundle());
        assertThat(text(second, byNumber, "dois")).isEqualTo("dois");

        assertThat(text(first, byNumber, "três")).as("the first session's next prekey message").isEqualTo("três");
    }

    @Test
    void aSessionMovedFromTheNumberToTheLidStillDecrypts() {
        var viaNumber = SignalSession.initiate(companionKeys, bundle());
        assertThat(text(viaNumber, byNumber, "pelo número")).isEqualTo("pelo número");
        var viaLid = SignalSession.initiate(companionKeys, bundle());
        assertThat(text(viaLid, byLid, "pelo LID")).isEqualTo("pelo LID");

        assertThat(text(viaNumber, byLid, "movida para o LID")).as("the number's session, now used for the LID").isEqualTo("movida para o LID");
    }

    @Test
    void aSessionTheCompanionMovesToTheLidAfterThePhoneAnsweredDecryptsThere() {
        var session = SignalSession.initiate(companionKeys, bundle());
        assertThat(text(session, byNumber, "pelo número")).isEqualTo("pelo número");
        var answer = phone.encryptFor(companion, false, () -> {
            throw new AssertionError("the phone has a session with the companion");
        }, TextMessage.paddedPlaintext("resposta"));
        assertThat(TextMessage.textOf(session.decrypt(answer.serialized()))).contains("resposta");

        // Baileys 7 moves its sessions from a contact's number to its LID once it knows it (migrateSession): no prekey now
        var moved = session.encrypt(TextMessage.paddedPlaintext("agora pelo LID"));
        assertThat(moved.type()).isEqualTo("msg");
        var message = phone.receivePeer(companion, byLid, moved.type(), moved.serialized());
        assertThat(TextMessage.textOf(TextMessage.padded(message))).contains("agora pelo LID");
    }

    private String text(SignalSession session, Jid addressedTo, String text) {
        var encrypted = session.encrypt(TextMessage.paddedPlaintext(text));
        assertThat(encrypted.type()).isEqualTo("pkmsg");
        var message = phone.receivePeer(companion, addressedTo, encrypted.type(), encrypted.serialized());
        return TextMessage.textOf(TextMessage.padded(message)).orElseThrow();
    }

    private PreKeyBundle bundle() {
        var keys = phone.publishedKeys();
        return new PreKeyBundle(keys.registrationId(), keys.identityKey(), keys.signedPreKeyId(), keys.signedPreKey(),
                keys.signedPreKeySignature(), keys.oneTimePreKey().stream().toList());
    }

    private static SignalIdentity companionIdentity() {
        var privateKey = Curve25519.randomPrivateKey();
        return new SignalIdentity(privateKey, Curve25519.getPublicKey(privateKey), 4242);
    }
}
