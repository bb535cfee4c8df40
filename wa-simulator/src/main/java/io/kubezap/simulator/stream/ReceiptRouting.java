package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where a companion's delivery or read receipt goes, as WhatsApp's server routes it (whatsmeow's {@code buildBaseReceipt}
 * and {@code MarkRead}, Baileys' {@code sendReceipt}/{@code readMessages}: a receipt names the chat in {@code to} and,
 * in a group or for a status, the message's writer in {@code participant}). A one-to-one receipt goes to the account
 * {@code to} names; a group's or a status's to the account its {@code participant} names. What WhatsApp could not
 * deliver reaches no phone: a group or status receipt without {@code participant} (the server cannot tell whose message
 * it is), and a receipt naming a message its writer did not send to the reader's account in that chat (an unknown id,
 * another chat, an account the message did not go to).
 */
final class ReceiptRouting {
    private static final Logger LOG = Logger.getLogger(ReceiptRouting.class.getName());

    private final PhoneDirectory phones;

    ReceiptRouting(PhoneDirectory phones) {
        this.phones = phones;
    }

    /** The ticks a receipt type gives its writer: none for types that are not about the recipient (sender, peer_msg). */
    static Optional<String> ticks(String type) {
        return switch (type) {
            // "inactive": delivered to a device its user is not active on (no presence sent), as clients ack by default
            case "", "inactive" -> Optional.of("delivered");
            case "read" -> Optional.of("read");
            // a voice note listened to (whatsmeow's ReceiptTypePlayed): blue microphone on the writer's phone
            case "played" -> Optional.of("played");
            default -> Optional.empty();
        };
    }

    /** The receipt {@code reader} (a companion device) sent {@code to} a chat, for messages {@code ids}, reaches their writer. */
    void route(Jid reader, Jid to, Optional<Jid> participant, List<String> ids, String ticks) {
        var readerAccount = phones.find(reader).map(SimulatedPhone::number).orElse(reader.user());
        var sharedChat = to.hasServer(JidServer.groupOrCommunity()) || StatusBroadcasts.isStatus(to);
        if (sharedChat && participant.isEmpty()) {
            LOG.info(() -> "Receipt from " + reader + " to " + to + " names no participant: WhatsApp cannot tell whose message "
                    + ids + " it is, it reaches nobody");
            return;
        }
        var writer = phones.find(sharedChat ? participant.get() : to);
        if (writer.isEmpty()) {
            LOG.info(() -> "Receipt from " + reader + " for " + ids + " names no account of this server (" + (sharedChat ? participant.get() : to) + ")");
            return;
        }
        for (var id : ids) {
            if (!writer.get().receipt(id, to, readerAccount, ticks)) {
                LOG.info(() -> "Receipt from " + reader + " to " + to + " for " + id + ": " + writer.get().number()
                        + " sent no such message to " + readerAccount + " there; no tick changes");
            }
        }
    }
}
