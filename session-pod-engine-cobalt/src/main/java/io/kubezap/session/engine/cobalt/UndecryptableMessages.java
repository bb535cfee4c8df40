package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineEvent.MessageUndecryptable.Cause;
import it.auties.whatsapp.model.chat.Chat;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.node.Node;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * What the session pod says to WhatsApp about a message it could not decrypt, in place of Cobalt's acknowledgement.
 *
 * <p>Cobalt 0.0.10 turns a failed decryption into an empty message and acknowledges it like any other (an
 * {@code <ack class="message">}, which the pod otherwise sends as the delivery receipt): WhatsApp's server then forgets
 * the real message. That
 * happens when the Signal keys moved past a message before it was stored (a kill between Cobalt writing the keys and
 * the pod storing the message: the redelivered ciphertext no longer decrypts). As whatsmeow and Baileys do, the device
 * asks the sender for it again instead: a {@code retry} receipt with its registration id; the sender's phone encrypts
 * the message again in a fresh session and sends it under the same id, which decrypts and is stored then. The empty
 * copy is taken out of Cobalt's chat so that the resend is taken as new. After {@value #MAX_RETRIES} retry receipts for
 * a message its {@code <ack>} goes (WhatsApp would keep it forever), once the loss is recorded
 * ({@link EngineEvent.MessageUndecryptable}); the delivery receipt never does.
 *
 * <p>Cobalt makes the same empty message of a stanza that carries no ciphertext for this device at all
 * ({@code <unavailable type="view_once"/>}: WhatsApp gives view-once media to the phone only). Asking again would not
 * bring it, so, as whatsmeow does, it is acknowledged at once (no delivery receipt) and recorded as unavailable. The two
 * are told apart by Cobalt's report of a failed decryption, made on the reading thread just before its acknowledgement
 * ({@link #noteDecryptionFailure()}).
 */
final class UndecryptableMessages {

    private static final Logger LOG = Logger.getLogger(UndecryptableMessages.class);
    static final int MAX_RETRIES = 5;
    /** More than the messages that can wait for a resend at once. */
    private static final int REMEMBERED = 10_000;

    /**
     * The messages that came with a ciphertext this device could not decrypt, by chat and message id, with the retry
     * receipts sent for each (0 until the first).
     */
    private final Map<String, Integer> retries = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Set on Cobalt's reading thread when it failed to decrypt the message it is about to acknowledge. */
    private static final ThreadLocal<Boolean> DECRYPTION_FAILED = ThreadLocal.withInitial(() -> false);

    private final Consumer<EngineEvent> events;
    private final Clock clock;

    UndecryptableMessages(Consumer<EngineEvent> events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Nothing came: not even a message Cobalt does not model (an event's answer, an album, an HD original; cobalt-patches). */
    static boolean isUndecryptable(ChatMessageInfo message) {
        return message.message().isEmpty();
    }

    /**
     * What to send instead of {@code acknowledgement} of {@code message}, which could not be decrypted.
     *
     * @throws MessageAcknowledgements.Withheld for a delivery receipt, or an {@code ack} while asking again
     * @return the retry receipt, or the {@code ack} itself once the retries are spent
     */
    Node instead(Chat chat, ChatMessageInfo message, Node acknowledgement, boolean decryptionFailed, IntSupplier registrationId) {
        var key = chat.jid() + "/" + message.id();
        if (!cameWithCiphertext(key, decryptionFailed)) {
            return unavailable(chat, message, acknowledgement);
        }
        if (!acknowledgement.description().equals("ack")) {
            throw new MessageAcknowledgements.Withheld("no delivery receipt for message " + message.id() + ", not decrypted");
        }
        int attempt;
        synchronized (retries) {
            attempt = retries.merge(key, 1, Integer::sum);
        }
        if (attempt > MAX_RETRIES) {
            LOG.errorf("Message %s from %s could not be decrypted after %d retry receipts; WhatsApp is told to stop delivering it",
                    message.id(), message.senderJid(), MAX_RETRIES);
            recordLoss(chat, message, MAX_RETRIES, Cause.DECRYPTION_FAILED);
            return acknowledgement;
        }
        LOG.warnf("Could not decrypt message %s from %s: asking for it again (retry receipt %d)", message.id(),
                message.senderJid(), attempt);
        chat.removeMessage(message);
        return retryReceipt(acknowledgement, message, attempt, registrationId.getAsInt());
    }

    /** Cobalt reports a failed decryption (its error handler, on the thread about to acknowledge the message). */
    static void noteDecryptionFailure() {
        DECRYPTION_FAILED.set(true);
    }

    /** Whether Cobalt failed to decrypt on this thread since the last call; called before each acknowledgement. */
    static boolean takeDecryptionFailure() {
        boolean failed = DECRYPTION_FAILED.get();
        DECRYPTION_FAILED.remove();
        return failed;
    }

    private boolean cameWithCiphertext(String key, boolean decryptionFailed) {
        synchronized (retries) {
            if (decryptionFailed) {
                retries.putIfAbsent(key, 0);
            }
            return retries.containsKey(key);
        }
    }

    private Node unavailable(Chat chat, ChatMessageInfo message, Node acknowledgement) {
        if (!acknowledgement.description().equals("ack")) {
            throw new MessageAcknowledgements.Withheld("no delivery receipt for message " + message.id() + ", unavailable here");
        }
        LOG.infof("Message %s from %s came without a copy for this device (unavailable): only the phone has it", message.id(),
                message.senderJid());
        chat.removeMessage(message);
        recordLoss(chat, message, 0, Cause.UNAVAILABLE);
        return acknowledgement;
    }

    private void recordLoss(Chat chat, ChatMessageInfo message, int retriesSent, Cause cause) {
        events.accept(new EngineEvent.MessageUndecryptable(message.id(), chat.jid().toString(), message.senderJid().toString(),
                message.pushName().orElse(null), retriesSent, cause, clock.instant()));
    }

    /** {@code <receipt id to [participant] type="retry"><retry count id t v/><registration/></receipt>}. */
    static Node retryReceipt(Node acknowledgement, ChatMessageInfo message, int attempt, int registrationId) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("id", message.id());
        attributes.put("to", acknowledgement.attributes().getString("to"));
        acknowledgement.attributes().getOptionalString("participant").ifPresent(participant -> attributes.put("participant", participant));
        attributes.put("type", "retry");
        var retry = Node.of("retry", Map.of("count", attempt, "id", message.id(),
                "t", message.timestampSeconds().orElse(0), "v", 1));
        var registration = Node.of("registration", ByteBuffer.allocate(4).putInt(registrationId).array());
        return Node.of("receipt", attributes, List.of(retry, registration).toArray(Node[]::new));
    }
}
