package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.request.MessageRequest;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Answers a retry receipt: a device that could not decrypt one of our messages asks for it again. That happens when
 * the Signal state we encrypted with is older than what the device already saw, e.g. after a crash restored keys
 * written before the last sends (Cobalt 0.0.10 writes them only every ~20 s): the reused counters fail on the other
 * side. Cobalt handles retry receipts itself, but wrongly: it refreshes the sessions with our own devices and resends
 * with the stale session it has with the recipient. Here the retrying device's keys are fetched anew (a forced session
 * query) and the same message, with the same id, is encrypted for that device alone, as a pre-key message.
 */
final class RetryReceipts {

    private static final Logger LOG = Logger.getLogger(RetryReceipts.class);

    private RetryReceipts() {
    }

    static boolean isRetry(Node node) {
        return node.description().equals("receipt") && node.attributes().getString("type", "").equals("retry");
    }

    /** @return when the resend is done; empty when the message is not ours or no longer known */
    static Optional<CompletableFuture<Void>> resend(Whatsapp client, Node receipt) {
        var id = receipt.attributes().getString("id", "");
        var device = receipt.attributes().getOptionalJid("participant").or(() -> receipt.attributes().getOptionalJid("from"));
        if (id.isEmpty() || device.isEmpty()) {
            return Optional.empty();
        }
        var message = find(client, device.get(), id);
        if (message.isEmpty()) {
            LOG.warnf("%s asked again for message %s, which this session no longer knows", device.get(), id);
            return Optional.empty();
        }
        LOG.infof("%s could not decrypt message %s (attempt %s): resending it with a fresh Signal session", device.get(), id,
                receipt.findChild("retry").map(retry -> retry.attributes().getString("count", "?")).orElse("?"));
        var request = new MessageRequest.Chat(message.get(), Set.of(device.get()), true, false, null);
        return Optional.of(RawNodes.sendMessage(client, request));
    }

    /** In the chat with the device's account; a copy for one of our own devices is filed under the chat it went to. */
    private static Optional<ChatMessageInfo> find(Whatsapp client, Jid device, String id) {
        var store = client.store();
        return store.findMessageById(device.toSimpleJid(), id)
                .filter(ChatMessageInfo.class::isInstance)
                .map(ChatMessageInfo.class::cast)
                .or(() -> store.chats().stream().flatMap(chat -> store.findMessageById(chat, id).stream()).findFirst())
                .filter(ChatMessageInfo::fromMe);
    }
}
