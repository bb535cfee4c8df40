package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Statuses (stories) as WhatsApp broadcasts them: a message to {@code status@broadcast}, encrypted once with the poster's
 * sender key for that address ({@code skmsg}), its audience named by the poster in {@code participants} (each device
 * with the pairwise-encrypted key), and delivered from {@code status@broadcast} with {@code participant} naming the
 * poster. Receipts on a status travel the same way: to (or from) {@code status@broadcast}, naming the viewer or poster.
 */
public final class StatusBroadcasts {
    public static final Jid STATUS = Jid.of("status@broadcast");

    private final PhoneDirectory phones;
    private final GroupMessages fanOut;
    private final Clock clock;

    StatusBroadcasts(PhoneDirectory phones, GroupMessages fanOut, Clock clock) {
        this.phones = phones;
        this.fanOut = fanOut;
        this.clock = clock;
    }

    public static boolean isStatus(Jid chat) {
        return STATUS.user().equals(chat.user()) && STATUS.server().equals(chat.server());
    }

    /**
     * A phone posts a status ({@code message}: the {@code Message} protobuf) to {@code toNumbers}, or to every other
     * phone when null or empty (the simulator's phones all have each other as contacts).
     *
     * @return the status's message id
     * @throws NoSuchElementException when the poster or one of the audience does not exist
     */
    public String post(String fromNumber, List<String> toNumbers, byte[] message, String type) {
        var poster = phones.find(fromNumber).orElseThrow(() -> new NoSuchElementException("No phone " + fromNumber));
        var audience = toNumbers == null || toNumbers.isEmpty()
                ? phones.all().stream().map(SimulatedPhone::number).filter(number -> !number.equals(fromNumber)).toList()
                : toNumbers.stream().peek(number -> phones.find(number)
                        .orElseThrow(() -> new NoSuchElementException("No phone " + number))).toList();
        return fanOut.fanOut(poster, STATUS, audience, message, type);
    }

    /**
     * A companion posts a status: the devices it names in {@code participants} take its sender key, the phones among
     * them (and the devices the simulator runs for their accounts) decrypt the status; the server acks it.
     */
    void onClientMessage(ChatSession session, Node message) {
        var sender = session.deviceJid().orElseThrow();
        var now = clock.instant();
        fanOut.takeDistributions(message, sender, now);
        var audience = new LinkedHashSet<String>();
        message.findChild("participants").map(participants -> participants.listChildren("to")).orElse(List.of())
                .forEach(recipient -> recipient.attributes().getOptionalJid("jid").map(Jid::user)
                        .filter(user -> !user.equals(sender.user())).ifPresent(audience::add));
        GroupMessages.senderKeyMessage(message).ifPresent(senderKeyMessage -> audience.stream()
                .map(phones::find).flatMap(Optional::stream)
                .flatMap(phone -> phone.simulatedAccountDevices().stream())
                .forEach(device -> fanOut.decrypt(device, message.id(), STATUS, sender, senderKeyMessage, now)));
        session.answer(ServerNodes.messageAck(message.id(), STATUS, now));
    }
}
