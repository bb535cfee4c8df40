package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.lid.LidFirst;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.request.MessageRequest;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers a retry receipt: a device that could not decrypt one of our messages asks for it again. That happens when
 * the Signal state we encrypted with is older than what the device already saw, e.g. after a crash restored keys
 * written before the last sends (Cobalt 0.0.10 writes them only every ~20 s): the reused counters fail on the other
 * side. Cobalt handles retry receipts itself, but wrongly: it refreshes the sessions with our own devices and resends
 * with the stale session it has with the recipient. Here the retrying device's keys are fetched anew (a forced session
 * query) and the same message, with the same id, is encrypted for that device alone, as a pre-key message.
 *
 * <p>The message is looked up in the chat the receipt comes from (as whatsmeow keys its recent messages by chat and id),
 * whether the device names itself by number or by LID (a message sent to a LID is filed under the number's chat, and
 * the device that asks for it is a LID device); a receipt from one of the account's own devices names the chat as its
 * {@code recipient}. WhatsApp relays a retry receipt without checking it, so anyone may ask for any id: a message of
 * another chat is not sent, nor a group's to a device that was not given the group's sender key, nor a message deleted
 * for everyone; an edited one goes as it reads now ({@link SentMessages#changed}).
 */
final class RetryReceipts {

    private static final Logger LOG = Logger.getLogger(RetryReceipts.class);

    private RetryReceipts() {
    }

    static boolean isRetry(Node node) {
        return node.description().equals("receipt") && node.attributes().getString("type", "").equals("retry");
    }

    /** @return when the resend is done; empty when the message is not ours or no longer known */
    static Optional<CompletableFuture<Void>> resend(Whatsapp client, SentMessages sent, Node receipt) {
        var id = receipt.attributes().getString("id", "");
        var device = receipt.attributes().getOptionalJid("participant").or(() -> receipt.attributes().getOptionalJid("from"))
                .map(RetryReceipts::asWhatsAppNamesIt);
        var chat = askedIn(client, receipt);
        if (id.isEmpty() || device.isEmpty() || chat.isEmpty()) {
            return Optional.empty();
        }
        var message = sent.find(id).filter(found -> sentTo(client, found, chat.get())).or(() -> filed(client, id, chat.get()));
        if (message.isEmpty() || message.get().message().isEmpty() || !given(client, chat.get(), device.get())) {
            LOG.warnf("Refused a retry receipt: %s asked again for message %s in %s, which this session did not send there,"
                    + " did not give it, deleted or no longer knows", device.get(), id, chat.get());
            return Optional.empty();
        }
        LOG.infof("%s could not decrypt message %s (attempt %s): resending it with a fresh Signal session", device.get(), id,
                receipt.findChild("retry").map(retry -> retry.attributes().getString("count", "?")).orElse("?"));
        onlyItself(client, device.get());
        var request = new MessageRequest.Chat(message.get(), Set.of(device.get()), true, false, toItsLid(client, message.get(), device.get()));
        return Optional.of(RawNodes.sendMessage(client, request));
    }

    /**
     * The asking device as WhatsApp names it. WhatsApp writes a device JID as its domain ({@code 1} a LID), the device and
     * the user; Cobalt 0.0.10 reads the domain as an agent on {@code s.whatsapp.net}, so a LID device reads as
     * {@code <lid>_1:<device>@s.whatsapp.net}, a number that does not exist.
     */
    static Jid asWhatsAppNamesIt(Jid device) {
        if (!device.hasServer(JidServer.whatsapp()) || device.agent() != GroupSenderKeys.LID_DOMAIN) {
            return device;
        }
        return device.device() == 0 ? Jid.of(device.user(), JidServer.lid())
                : Jid.of(device.user(), JidServer.lid(), device.device(), GroupSenderKeys.LID_DOMAIN);
    }

    /**
     * The chat a retry receipt asks in: a group's or the status broadcast's ({@code from}); for one of the account's
     * own devices, the chat it names as {@code recipient} (its own chat without one); else the asker's own chat.
     */
    static Optional<Jid> askedIn(Whatsapp client, Node receipt) {
        var from = receipt.attributes().getOptionalJid("from").map(RetryReceipts::asWhatsAppNamesIt).map(Jid::toSimpleJid);
        if (from.isEmpty() || from.get().hasServer(JidServer.groupOrCommunity()) || from.get().hasServer(JidServer.broadcast())
                || !isOwn(client, from.get())) {
            return from;
        }
        return receipt.attributes().getOptionalJid("recipient").map(Jid::toSimpleJid).or(() -> from);
    }

    /** One of the session's own messages sent to {@code chat}, or to the number whose LID {@code chat} is. */
    private static boolean sentTo(Whatsapp client, ChatMessageInfo message, Jid chat) {
        var to = message.chatJid();
        return message.fromMe() && (sameUser(to, chat)
                || chat.hasServer(JidServer.lid()) && LidFirstSends.lidFor(client, to).filter(lid -> sameUser(lid, chat)).isPresent());
    }

    /** In a group or a status audience, the asking device's user was given the sender key; elsewhere the chat decides. */
    private static boolean given(Whatsapp client, Jid chat, Jid device) {
        if (!chat.hasServer(JidServer.groupOrCommunity()) && !chat.hasServer(JidServer.broadcast()) || isOwn(client, device)) {
            return true;
        }
        return GroupSenderKeys.keyRecipientUsers(client.keys(), chat).contains(device.user());
    }

    private static boolean isOwn(Whatsapp client, Jid jid) {
        var store = client.store();
        return store.jid().filter(own -> own.user().equals(jid.user())).isPresent()
                || store.lid().filter(own -> own.user().equals(jid.user())).isPresent();
    }

    private static boolean sameUser(Jid one, Jid other) {
        return one.user().equals(other.user()) && one.server().equals(other.server());
    }

    /** In Cobalt's store, sent to {@code chat} (a copy for one of our own devices is filed under the chat it went to). */
    private static Optional<ChatMessageInfo> filed(Whatsapp client, String id, Jid chat) {
        var store = client.store();
        return store.chats().stream().flatMap(filed -> store.findMessageById(filed, id).stream())
                .filter(message -> sentTo(client, message, chat)).findFirst();
    }

    /**
     * Cobalt sends to the devices its cache lists for each recipient, and asks WhatsApp for the rest; a companion device
     * is listed as its only device, so that the resend goes to it alone (asked, WhatsApp would answer all of the
     * account's devices). Device 0 is the account itself, whose cached devices are left as they are.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void onlyItself(Whatsapp client, Jid device) {
        if (device.device() != 0) {
            ((Map) GroupSenderKeys.devicesCache(client)).put(device, new CopyOnWriteArrayList<>(List.of(device)));
        }
    }

    /** A one-to-one message resent to a LID device goes to the LID with the number beside it, as it was sent ({@link LidFirstSends}). */
    private static Map<String, Object> toItsLid(Whatsapp client, ChatMessageInfo message, Jid device) {
        var chat = message.chatJid();
        var lid = device.hasServer(JidServer.lid()) ? LidFirstSends.lidFor(client, chat) : Optional.<Jid>empty();
        return lid.filter(known -> known.user().equals(device.user())).isPresent()
                ? Map.of(LidFirst.PEER_RECIPIENT_PN, chat.toSimpleJid()) : null;
    }
}
