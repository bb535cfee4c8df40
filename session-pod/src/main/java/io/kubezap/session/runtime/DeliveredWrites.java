package io.kubezap.session.runtime;

import io.kubezap.session.address.AddressBook;
import io.kubezap.session.autoreply.AutoReplies;
import io.kubezap.session.call.Calls;
import io.kubezap.session.chat.ChatStates;
import io.kubezap.session.contact.ContactRepository;
import io.kubezap.session.db.WaitingWriteKind;
import io.kubezap.session.disappearing.DisappearingTimers;
import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.GroupChange;
import io.kubezap.session.history.HistoryBatches;
import io.kubezap.session.history.KeptHistoryReader;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageUpdate;
import io.kubezap.session.group.GroupNotifications;
import io.kubezap.session.json.SpooledJson;
import io.kubezap.session.label.Labels;
import io.kubezap.session.media.MediaFiles;
import io.kubezap.session.message.IncomingMessageRecorder;
import io.kubezap.session.message.MessageUpdates;
import io.kubezap.session.presence.Presences;
import io.kubezap.session.receipt.AutoMarkReads;
import jakarta.inject.Singleton;

/** Storing what WhatsApp delivered, each to its feature; a write that can wait for the database on the volume. */
@Singleton
public class DeliveredWrites implements WaitingWriteKind<EngineEvent.Delivered> {

    private static final SpooledJson<EngineEvent.Delivered> JSON = new SpooledJson<>(EngineEvent.Delivered.class,
            EngineEvent.Delivered.class, MessageContent.class, MessageUpdate.class, GroupChange.class, ChatChange.class);

    private final IncomingMessageRecorder incoming;
    private final MediaFiles media;
    private final MessageUpdates updates;
    private final Calls calls;
    private final Presences presences;
    private final GroupNotifications groups;
    private final AddressBook addresses;
    private final ContactRepository contacts;
    private final ChatStates chatStates;
    private final Labels labels;
    private final HistoryBatches history;
    private final KeptHistoryReader keptHistory;
    private final AutoMarkReads autoRead;
    private final AutoReplies autoReplies;
    private final DisappearingTimers disappearing;

    public DeliveredWrites(IncomingMessageRecorder incoming, MediaFiles media, MessageUpdates updates, Calls calls,
                           Presences presences, GroupNotifications groups, AddressBook addresses, ContactRepository contacts,
                           ChatStates chatStates, Labels labels, HistoryBatches history, KeptHistoryReader keptHistory,
                           AutoMarkReads autoRead, AutoReplies autoReplies, DisappearingTimers disappearing) {
        this.disappearing = disappearing;
        this.autoRead = autoRead;
        this.autoReplies = autoReplies;
        this.keptHistory = keptHistory;
        this.chatStates = chatStates;
        this.labels = labels;
        this.history = history;
        this.incoming = incoming;
        this.media = media;
        this.updates = updates;
        this.calls = calls;
        this.presences = presences;
        this.groups = groups;
        this.addresses = addresses;
        this.contacts = contacts;
    }

    @Override
    public String name() {
        return "delivered";
    }

    @Override
    public String describe(EngineEvent.Delivered event) {
        return event.getClass().getSimpleName();
    }

    @Override
    public SpooledJson<EngineEvent.Delivered> json() {
        return JSON;
    }

    @Override
    public void record(EngineEvent.Delivered event) {
        switch (event) {
            case EngineEvent.MessageReceived received -> incoming.received(received.message()).ifPresent(stored -> {
                media.arrived(stored, received.message().content());
                autoRead.arrived(stored);
                autoReplies.arrived(stored);
                disappearing.carried(stored, received.message());
            });
            case EngineEvent.ReceiptReceived receipt -> incoming.receipt(receipt);
            case EngineEvent.MessageUndecryptable lost -> incoming.undecryptable(lost);
            case EngineEvent.MessageUpdated update -> updates.received(update);
            case EngineEvent.CallUpdated call -> calls.updated(call);
            case EngineEvent.PresenceUpdated presence -> presences.updated(presence);
            case EngineEvent.GroupNotified notified -> groups.received(notified);
            case EngineEvent.AddressLearned learned -> addresses.learned(learned);
            case EngineEvent.ContactSaved saved -> contacts.recordSaved(addresses.canonical(saved.jid()), saved.fullName(),
                    saved.firstName());
            case EngineEvent.BusinessNameSeen business -> contacts.recordBusinessName(addresses.canonical(business.jid()),
                    business.verifiedName());
            case EngineEvent.ChatChanged changed -> chatStates.apply(addresses.canonical(changed.chatJid()), changed.change(),
                    changed.at());
            case EngineEvent.DisappearingChanged changed -> disappearing.changed(changed);
            case EngineEvent.DefaultDisappearingChanged changed -> disappearing.defaultChanged(changed);
            case EngineEvent.LabelEdited edited -> labels.apply(edited.label(), edited.at());
            case EngineEvent.HistorySynced batch -> history.stored(batch);
            case EngineEvent.HistoryDeferred deferred -> keptHistory.deferred(deferred);
        }
    }
}
