package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.SimulatedPhone;
import io.kubezap.simulator.signal.SignalSession;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * What a phone does with a companion's retry receipt ({@code <receipt type="retry">}: the companion could not decrypt
 * one of the phone's messages): as whatsmeow's and Baileys' senders do, it starts a fresh Signal session with that
 * device from its published keys, encrypts the same message again for that device alone (a {@code pkmsg}) and sends it
 * under the same id, its {@code enc} carrying the attempt as {@code count}; at most {@value #MAX_RESENDS} times per
 * message and device, after which the receipt is ignored.
 */
final class PhoneResends {
    private static final Logger LOG = Logger.getLogger(PhoneResends.class.getName());
    static final int MAX_RESENDS = 5;
    /** How many sent messages each phone can resend: WhatsApp's phones keep a bounded cache too. */
    private static final int REMEMBERED = 10_000;

    private record Sent(SimulatedPhone sender, byte[] plaintext, Node stanza) {
    }

    private final Map<String, Sent> sent = bounded();
    private final Map<String, Integer> resends = bounded();

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    /** {@code stanza} (message {@code id}, encrypted for {@code device}) can be sent again from {@code plaintext}. */
    synchronized void remember(Jid device, String id, SimulatedPhone sender, byte[] plaintext, Node stanza) {
        sent.put(key(device, id), new Sent(sender, plaintext, stanza));
    }

    /**
     * The stanza answering {@code device}'s retry receipt, encrypted by {@code encryptFresh} (a new session with the device);
     * empty when the message is unknown, not the receipt's phone's or past the limit.
     */
    synchronized Optional<Node> answer(Jid device, Node receipt, BiFunction<SimulatedPhone, byte[], SignalSession.Encrypted> encryptFresh) {
        var id = receipt.attributes().getString("id", "");
        var original = sent.get(key(device, id));
        var to = receipt.attributes().getOptionalJid("to");
        if (original == null || to.isEmpty() || !original.sender().isNamedBy(to.get())) {
            return Optional.empty();
        }
        var count = resends.merge(key(device, id), 1, Integer::sum);
        if (count > MAX_RESENDS) {
            LOG.warning(() -> original.sender().number() + " does not resend " + id + " to " + device + " again: " + MAX_RESENDS + " resends");
            return Optional.empty();
        }
        var encrypted = encryptFresh.apply(original.sender(), original.plaintext());
        return Optional.of(ServerNodes.resent(original.stanza(), encrypted.type(), encrypted.serialized(), count));
    }

    private static String key(Jid device, String id) {
        return device.toString() + "/" + id;
    }
}
