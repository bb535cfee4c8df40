package io.kubezap.simulator.phone;

import io.kubezap.simulator.signal.PreKeyBundle;
import io.kubezap.simulator.signal.PreKeyMessage;
import io.kubezap.simulator.signal.SignalIdentity;
import io.kubezap.simulator.signal.SignalSession;
import io.kubezap.simulator.signal.TextMessage;
import it.auties.curve25519.Curve25519;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A companion writes to the phone's LID (session A), the phone answers from its number (its own session B), and the
 * companion, which keeps one session per device of the phone under its LID (Baileys 7's LID mapping, whatsmeow's
 * {@code MigratePNToLID}), files B under the LID and goes on there: the phone must read what comes to its LID in B.
 */
class NumberSessionUnderTheLidTest {
    private final SimulatedPhone phone = new SimulatedPhone("5511999990002", "Cliente");
    private final Jid companion = Jid.of("5511999990001", JidServer.whatsapp(), 1, 0);
    private final Jid byLid = Jid.of(phone.lid().user(), JidServer.lid());
    private final SignalIdentity companionKeys = identity();

    @Test
    void aMessageToTheLidInTheSessionThePhoneStartedFromItsNumberDecrypts() {
        var toLid = startedByTheCompanionToTheLid();
        var fromNumber = answeredFromTheNumber();

        assertThat(text(fromNumber, "a foto")).as("in the number's session, now the LID's").isEqualTo("a foto");
        assertThat(text(fromNumber, "e outra")).isEqualTo("e outra");
        assertThatThrownBy(() -> text(toLid, "na sessão substituída")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageThatDecryptsInNeitherSessionLeavesBothAsTheyWere() {
        var toLid = startedByTheCompanionToTheLid();
        var fromNumber = answeredFromTheNumber();

        var broken = toLid.encrypt(TextMessage.paddedPlaintext("estragada"));
        broken.serialized()[broken.serialized().length - 1] ^= 1;
        assertThatThrownBy(() -> phone.receivePeer(companion, byLid, broken.type(), broken.serialized()))
                .hasMessageContaining("MAC does not verify");

        var next = phone.encryptFor(companion, false, () -> {
            throw new AssertionError("the phone has a session from its number");
        }, TextMessage.paddedPlaintext("ainda pelo número"));
        assertThat(next.type()).as("the companion has not written in it yet").isEqualTo("pkmsg");
        assertThat(TextMessage.textOf(fromNumber.decrypt(PreKeyMessage.parse(next.serialized()).signalMessage()))).as("the number's session untouched").contains("ainda pelo número");
        assertThat(text(toLid, "de novo pelo LID")).as("the LID's session untouched").isEqualTo("de novo pelo LID");
    }

    private SignalSession startedByTheCompanionToTheLid() {
        var keys = phone.publishedKeys();
        var session = SignalSession.initiate(companionKeys, new PreKeyBundle(keys.registrationId(), keys.identityKey(),
                keys.signedPreKeyId(), keys.signedPreKey(), keys.signedPreKeySignature(), keys.oneTimePreKey().stream().toList()));
        var first = session.encrypt(TextMessage.paddedPlaintext("pedido"));
        assertThat(first.type()).isEqualTo("pkmsg");
        phone.receivePeer(companion, byLid, first.type(), first.serialized());
        var reply = phone.encryptFor(companion, true, () -> {
            throw new AssertionError("the phone has the companion's session under its LID");
        }, TextMessage.paddedPlaintext("visto"));
        assertThat(TextMessage.textOf(session.decrypt(reply.serialized()))).contains("visto");
        return session;
    }

    /** The phone writes from its number, where it has no session yet: a prekey message the companion answers in. */
    private SignalSession answeredFromTheNumber() {
        var keys = companionKeys.publish();
        var answer = phone.encryptFor(companion, false, () -> new PreKeyBundle(keys.registrationId(), keys.identityKey(),
                        keys.signedPreKeyId(), keys.signedPreKey(), keys.signedPreKeySignature(), keys.oneTimePreKey().stream().toList()),
                TextMessage.paddedPlaintext("recebido"));
        assertThat(answer.type()).isEqualTo("pkmsg");
        var message = PreKeyMessage.parse(answer.serialized());
        var session = SignalSession.respond(companionKeys, message);
        assertThat(TextMessage.textOf(session.decrypt(message.signalMessage()))).contains("recebido");
        return session;
    }

    private String text(SignalSession session, String text) {
        var encrypted = session.encrypt(TextMessage.paddedPlaintext(text));
        assertThat(encrypted.type()).isEqualTo("msg");
        return TextMessage.textOf(TextMessage.padded(phone.receivePeer(companion, byLid, encrypted.type(), encrypted.serialized()))).orElseThrow();
    }

    private static SignalIdentity identity() {
        var privateKey = Curve25519.randomPrivateKey();
        return new SignalIdentity(privateKey, Curve25519.getPublicKey(privateKey), 4343);
    }
}
