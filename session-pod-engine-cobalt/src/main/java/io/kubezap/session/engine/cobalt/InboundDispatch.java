package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.LabelChange;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.node.Node;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * What Cobalt's callbacks ({@link CobaltEventBridge}) become: engine events for what arrived (messages, receipts,
 * calls, presence, group notifications, addresses), and the {@link ConnectionLifecycle}'s business for what concerns the
 * connection (pairing, login, failures). Each callback runs on its own virtual thread; what needs ordering is ordered here.
 */
final class InboundDispatch implements CobaltEventBridge.Sink {

    private static final Logger LOG = Logger.getLogger(InboundDispatch.class);

    private final ConnectionLifecycle lifecycle;
    private final EngineEvents events;
    private final Clock clock;
    private final FailureClassifier classifier = new FailureClassifier();
    private final IncomingOrder incomingOrder = new IncomingOrder();
    private final OrderAcknowledgements orderAcknowledgements = new OrderAcknowledgements();
    private final OncePerMessage oncePerMessage = new OncePerMessage();
    private final LidMessages lidMessages = new LidMessages();
    private final LidReadingOrder lidReadingOrder = LidReadingOrder.SHARED;
    private final ChannelArrivals channelPosts = new ChannelArrivals();
    private final UndecryptableMessages undecryptable;
    private final HistoryReader history;
    private final SentMessages sent;

    InboundDispatch(ConnectionLifecycle lifecycle, EngineEvents events, Clock clock, HistoryReader history, SentMessages sent) {
        this.sent = sent;
        this.lifecycle = lifecycle;
        this.events = events;
        this.clock = clock;
        this.history = history;
        this.undecryptable = new UndecryptableMessages(events, clock);
    }

    @Override
    public void onNode(int fromGeneration, Node node) {
        if (RetryReceipts.isRetry(node) && lifecycle.isCurrent(fromGeneration)) {
            resend(node);
        }
        if (node.description().equals("message") && NewsletterMessages.fromChannel(node)) {
            onChannelMessage(fromGeneration, node);
            return;
        }
        if (node.description().equals("message") && MessageAddresses.isDirectFromLid(CobaltNodes.view(node))) {
            lidReadingOrder.read(() -> onMessageNode(fromGeneration, node));
            return;
        }
        if (node.description().equals("message")) {
            onMessageNode(fromGeneration, node);
            return;
        }
        if (OfflineBatches.isPreview(node) && lifecycle.isCurrent(fromGeneration) && lifecycle.client() != null) {
            OfflineBatches.askForTheBacklog(lifecycle.client());
        }
        if (DeviceListNotices.isDevicesNotification(node) && lifecycle.isCurrent(fromGeneration) && lifecycle.client() != null) {
            DeviceListNotices.heard(lifecycle.client(), node);
        }
        if (GroupAddresses.isGroupNotification(node) && lifecycle.isCurrent(fromGeneration)) {
            learnAddresses(node);
        }
        if (CobaltNodes.isOfInterest(node)) {
            onNodeOfInterest(fromGeneration, node);
        }
        if (lifecycle.isCurrent(fromGeneration)) {
            onRestrictionNode(node);
        }
    }

    /** What WhatsApp tells of the account's restrictions, and a refusal that they may explain (asked again then). */
    private void onRestrictionNode(Node node) {
        AccountRestrictionNodes.notice(node).ifPresent(events);
        var client = lifecycle.client();
        if (client != null && AccountRestrictionNodes.isRefusal(node)) {
            AccountRestrictionNodes.ask(client, events);
        }
    }

    private void onNodeOfInterest(int fromGeneration, Node node) {
        var view = CobaltNodes.view(node);
        PairingRefs.of(view).ifPresent(refs -> lifecycle.onPairDevice(fromGeneration, refs));
        if (PairingCodeLinker.isPrimaryHello(node)) {
            lifecycle.onPrimaryHello(fromGeneration, node);
        }
        if (PasskeyPrologue.isRequest(node)) {
            lifecycle.onPasskeyRequest(fromGeneration, node);
        }
        classifier.classify(view).ifPresent(failure -> lifecycle.onFailure(fromGeneration, failure));
        if (lifecycle.isCurrent(fromGeneration)) {
            var now = clock.instant();
            ReceiptNodes.of(view, now).forEach(events);
            CallNodes.learned(view).ifPresent(events);
            CallNodes.of(view, now).ifPresent(events);
            PresenceNodes.of(view, now).ifPresent(events);
            GroupNodes.notification(view, now).ifPresent(events);
            AccountSyncNodes.defaultDisappearing(view, now).ifPresent(events);
        }
    }

    /** A channel's post, pushed to the account as a follower: stored and announced as a message of the channel's chat. */
    private void onChannelMessage(int fromGeneration, Node node) {
        if (!lifecycle.isCurrent(fromGeneration)) {
            return;
        }
        channelPosts.arrived(channelPostKey(node.attributes().getString("from", ""), node.id()),
                () -> NewsletterMessages.incoming(node, clock.instant())
                        .ifPresent(post -> events.accept(new EngineEvent.MessageReceived(post))));
    }

    private static String channelPostKey(String channel, String id) {
        return channel + "/" + id;
    }

    private void resend(Node retryReceipt) {
        var client = lifecycle.client();
        if (client == null) {
            return;
        }
        RetryReceipts.resend(client, sent, retryReceipt).ifPresent(done -> done.whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warnf("Could not resend message %s: %s", retryReceipt.attributes().getString("id", "?"), error.toString());
            } else {
                lifecycle.keyStore().flushKeys(client.keys());
            }
        }));
    }

    /**
     * The lid↔phone pairs in group metadata, reported before whoever asked for it gets the answer (so that the
     * pairing is stored by then).
     */
    void learnAddresses(Node groupAnswerOrNotification) {
        GroupAddresses.of(CobaltNodes.view(groupAnswerOrNotification)).forEach(events);
    }

    /**
     * What a message stanza says about addresses is reported before the message itself (same thread), so that the
     * message is stored knowing both forms; a one-to-one message from a LID is read here (Cobalt cannot).
     */
    private void onMessageNode(int fromGeneration, Node node) {
        if (!lifecycle.isCurrent(fromGeneration)) {
            return;
        }
        var view = CobaltNodes.view(node);
        MessageAddresses.of(view).forEach(events);
        MessageAddresses.sender(view).ifPresent(sender -> VerifiedNames.of(node)
                .ifPresent(name -> events.accept(new EngineEvent.BusinessNameSeen(sender, name))));
        var client = lifecycle.client();
        if (client != null && MessageAddresses.isDirectFromLid(view)) {
            readFromLid(fromGeneration, client, node, view);
        }
    }

    private void readFromLid(int fromGeneration, Whatsapp client, Node node, NodeView view) {
        try {
            lidMessages.read(client, node).ifPresent(info -> onMessage(fromGeneration, client, info));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException unreadable) {
            LOG.warnf(unreadable, "Could not read message %s from %s", view.attribute("id").orElse("?"), view.attribute("from").orElse("?"));
        }
    }

    @Override
    public void onMessage(int fromGeneration, Whatsapp client, MessageInfo<?> message) {
        if (!lifecycle.isCurrent(fromGeneration)) {
            return;
        }
        if (message instanceof ChatMessageInfo chatMessage && UndecryptableMessages.isUndecryptable(chatMessage)) {
            return; // asked for again (beforeAcknowledging): the resend comes under the same id
        }
        if (message instanceof ChatMessageInfo chatMessage && chatMessage.message().type() == Message.Type.SENDER_KEY_DISTRIBUTION) {
            return; // a sender key that came under the id of the message it opens (Cobalt keeps a status's as a status)
        }
        if (message instanceof ChatMessageInfo chatMessage) {
            oncePerMessage.handle(chatMessage.chatJid() + "/" + chatMessage.id(), () -> handleArrived(client, message));
        } else {
            handleArrived(client, message);
        }
    }

    /**
     * Cobalt is about to acknowledge a received message (WhatsApp then forgets it): the message is stored first, and
     * the Signal keys that decrypted it written, on Cobalt's reading thread, before anything more is read. A message
     * Cobalt could not decrypt is asked for again instead ({@link UndecryptableMessages}).
     */
    @Override
    public Node beforeAcknowledging(int fromGeneration, Whatsapp client, Node acknowledgement) {
        boolean decryptionFailed = UndecryptableMessages.takeDecryptionFailure();
        var id = acknowledgement.attributes().getOptionalString("id");
        var chatJid = acknowledgement.attributes().getOptionalJid("to");
        if (!lifecycle.isCurrent(fromGeneration) || id.isEmpty() || chatJid.isEmpty()) {
            return acknowledgement;
        }
        if (chatJid.get().hasServer(it.auties.whatsapp.model.jid.JidServer.newsletter())) {
            channelPosts.awaitStored(channelPostKey(chatJid.get().toString(), id.get()));
            return acknowledgement;
        }
        if (chatJid.get().type() == Jid.Type.STATUS) {
            // Cobalt keeps statuses apart from the chats, the sender key that came with one under the same id
            var statuses = client.store().status().stream().filter(status -> status.id().equals(id.get())).toList();
            try {
                statuses.forEach(status -> onMessage(fromGeneration, client, status));
            } catch (RuntimeException notStored) {
                LOG.warnf(notStored, "Could not store status %s before acknowledging it", id.get());
            }
            return statuses.stream().anyMatch(status -> !status.fromMe()) ? deliveryReceipt(acknowledgement) : acknowledgement;
        }
        var chat = client.store().findChatByJid(chatJid.get());
        var message = chat.flatMap(found -> client.store().findMessageById(found, id.get()));
        if (message.isPresent() && UndecryptableMessages.isUndecryptable(message.get())) {
            return undecryptable.instead(chat.get(), message.get(), acknowledgement, decryptionFailed,
                    () -> client.keys().registrationId());
        }
        if (message.isPresent() && message.get() instanceof ChatMessageInfo order
                && orderAcknowledgements.deferred(order, () -> onMessage(fromGeneration, client, order),
                () -> RawNodes.sendWithoutAnswer(client, acknowledgement))) {
            throw new MessageAcknowledgements.Withheld("order " + id.get() + " acknowledged once stored with its items");
        }
        try {
            message.ifPresent(found -> onMessage(fromGeneration, client, found));
        } catch (RuntimeException notStored) {
            LOG.warnf(notStored, "Could not store message %s before acknowledging it", id.get());
        }
        if (lifecycle.keyStore().lostToAnotherPod()) {
            throw new MessageAcknowledgements.Withheld("message " + id.get() + " not acknowledged: another pod took the session");
        }
        return message.isPresent() && !message.get().fromMe() ? deliveryReceipt(acknowledgement) : acknowledgement;
    }

    /**
     * A contact's message, now stored, is acknowledged as WhatsApp Web does, by its delivery receipt (the writer's
     * second tick), in place of Cobalt's ack; the account's own messages from its other devices keep Cobalt's ack.
     */
    private static Node deliveryReceipt(Node acknowledgement) {
        return DeliveryReceipts.isMessageAck(acknowledgement) ? DeliveryReceipts.insteadOf(acknowledgement) : acknowledgement;
    }

    private void handleArrived(Whatsapp client, MessageInfo<?> message) {
        var keyStore = lifecycle.keyStore();
        var historySync = HistorySyncs.notification(message);
        if (historySync.isPresent()) {
            history.arrived(client, (ChatMessageInfo) message, historySync.get());
            keyStore.flushKeys(client.keys());
            return;
        }
        DisappearingSettings.from(message, clock.instant()).ifPresent(change -> {
            events.accept(change);
            keyStore.flushKeys(client.keys());
        });
        IncomingUpdates.from(message, client.store(), clock.instant()).ifPresent(update -> {
            events.accept(update);
            keyStore.flushKeys(client.keys());
        });
        var self = client.store().jid().orElse(null);
        IncomingMessageMapper.announced(message, self)
                .ifPresent(info -> keyStore.flushKeysWith(client.keys(), () -> announceInOrder(client, info, self)));
    }

    private void announceInOrder(Whatsapp client, ChatMessageInfo info, Jid self) {
        synchronized (incomingOrder) {
            var chat = client.store().findChatByJid(info.chatJid());
            var inOrder = incomingOrder.next(info, chat, self);
            LOG.debugf("Message %s called back (chat known: %s): announcing %d", info.id(), chat.isPresent(), inOrder.size());
            // an order's items are read from WhatsApp before it is stored (CatalogOrders)
            inOrder.forEach(next -> events.accept(new EngineEvent.MessageReceived(
                    CatalogOrders.withItems(client, next, IncomingMessageMapper.from(next, clock.instant())))));
        }
    }

    @Override
    public void onContactSaved(int fromGeneration, String jid, String fullName, String firstName) {
        lifecycle.whileCurrent(fromGeneration, () -> events.accept(new EngineEvent.ContactSaved(jid, fullName, firstName)));
    }

    @Override
    public void onChatChanged(int fromGeneration, String chatJid, ChatChange change) {
        lifecycle.whileCurrent(fromGeneration, () -> events.accept(new EngineEvent.ChatChanged(chatJid, change, clock.instant())));
    }

    @Override
    public void onLabelEdited(int fromGeneration, LabelChange label) {
        lifecycle.whileCurrent(fromGeneration, () -> events.accept(new EngineEvent.LabelEdited(label, clock.instant())));
    }

    @Override
    public void onLoggedIn(int fromGeneration, Whatsapp client) {
        lifecycle.onLoggedIn(fromGeneration, client);
    }

    @Override
    public void onPushName(int fromGeneration, Whatsapp client, String pushName) {
        lifecycle.onPushName(fromGeneration, client, pushName);
    }

    @Override
    public void onDisconnected(int fromGeneration) {
        lifecycle.onDisconnected();
    }
}
