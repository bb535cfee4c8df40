package io.kubezap.session.engine.cobalt;

import io.kubezap.session.host.scope.SessionKeys;
import it.auties.whatsapp.api.DisconnectReason;
import it.auties.whatsapp.api.Listener;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.action.Action;
import it.auties.whatsapp.model.action.ContactAction;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.MessageIndexInfo;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.setting.PushNameSettings;
import it.auties.whatsapp.model.setting.Setting;

/**
 * Cobalt's listener for one client generation. Cobalt calls each callback on its own virtual
 * thread, so the engine serializes what needs ordering; callbacks of a replaced client (after a
 * logout) are recognised by their generation and dropped. Each callback runs named for the engine's session: Cobalt's
 * threads name none, and on a session host what the callback reaches (the address book, the session's rows) is the
 * named session's.
 */
final class CobaltEventBridge implements Listener {

    /** What the engine does with Cobalt's callbacks. */
    interface Sink {
        void onNode(int generation, Node node);

        void onLoggedIn(int generation, Whatsapp client);

        void onMessage(int generation, Whatsapp client, MessageInfo<?> message);

        void onDisconnected(int generation);

        void onPushName(int generation, Whatsapp client, String pushName);

        void onContactSaved(int generation, String jid, String fullName, String firstName);

        void onChatChanged(int generation, String chatJid, io.kubezap.session.engine.ChatChange change);

        void onLabelEdited(int generation, io.kubezap.session.engine.LabelChange label);

        /**
         * Cobalt is about to acknowledge a received message ({@link MessageAcknowledgements}); what this returns leaves
         * on return.
         */
        Node beforeAcknowledging(int generation, Whatsapp client, Node acknowledgement);
    }

    private final int generation;
    private final Sink sink;
    private final String session;
    private final AppStateCatchUp appStateCatchUp = new AppStateCatchUp();

    CobaltEventBridge(int generation, Sink sink, String session) {
        this.generation = generation;
        this.sink = sink;
        this.session = session;
    }

    @Override
    public void onNodeReceived(Whatsapp whatsapp, Node incoming) {
        SessionKeys.run(session, () -> {
            sink.onNode(generation, incoming);
            appStateCatchUp.onNode(whatsapp, incoming);
            if (AppStateMutations.isSyncAnswer(incoming)) {
                var read = AppStateMutations.read(whatsapp, incoming);
                appStateCatchUp.onAwaitingKeys(read.awaitingKeys());
                read.mutations().forEach(mutation -> {
                    AppStatePatches.read(mutation).ifPresent(chat -> sink.onChatChanged(generation, chat.chatJid(), chat.change()));
                    AppStatePatches.readLabel(mutation).ifPresent(label -> sink.onLabelEdited(generation, label));
                });
            }
        });
    }

    @Override
    public void onLoggedIn(Whatsapp whatsapp) {
        SessionKeys.run(session, () -> sink.onLoggedIn(generation, whatsapp));
    }

    @Override
    public void onNewMessage(Whatsapp whatsapp, MessageInfo<?> info) {
        SessionKeys.run(session, () -> sink.onMessage(generation, whatsapp, info));
    }

    /** A contact's status (to status@broadcast): Cobalt keeps it apart from the chats and calls this instead. */
    @Override
    public void onNewStatus(Whatsapp whatsapp, ChatMessageInfo status) {
        SessionKeys.run(session, () -> sink.onMessage(generation, whatsapp, status));
    }

    /** The account's push name reaches Cobalt by app-state sync ({@code critical_block}), after login and on every rename. */
    @Override
    public void onSetting(Whatsapp whatsapp, Setting setting) {
        SessionKeys.run(session, () -> {
            if (setting instanceof PushNameSettings pushName) {
                sink.onPushName(generation, whatsapp, pushName.name());
            }
        });
    }

    /**
     * A name the owner saved for someone on the phone reaches Cobalt by app-state sync ({@code critical_unblock_low}).
     * The chats' states (archived, pinned, muted, read, starred messages) and labels, from the {@code regular*}
     * collections, are read from the sync answers themselves ({@link #onNodeReceived}, {@link AppStateMutations}).
     */
    @Override
    public void onAction(Whatsapp whatsapp, Action action, MessageIndexInfo index) {
        SessionKeys.run(session, () -> {
            if (action instanceof ContactAction contact && index.chatJid().isPresent()) {
                sink.onContactSaved(generation, index.chatJid().get().toSimpleJid().toString(), contact.fullName().orElse(null),
                        contact.firstName().orElse(null));
            }
        });
    }

    @Override
    public void onDisconnected(Whatsapp whatsapp, DisconnectReason reason) {
        SessionKeys.run(session, () -> sink.onDisconnected(generation));
    }
}
