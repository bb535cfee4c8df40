package io.kubezap.session.runtime;

import io.kubezap.session.state.SessionStateMachine;
import io.kubezap.session.address.AddressBook;
import io.kubezap.session.call.Calls;
import io.kubezap.session.contact.ContactRepository;
import io.kubezap.session.group.GroupNotifications;
import io.kubezap.session.presence.Presences;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.media.MediaFiles;
import io.kubezap.session.message.IncomingMessages;
import io.kubezap.session.message.MessageUpdates;
import io.kubezap.session.db.WritesAwaitingDatabase;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/** The listener handed to the engine: lifecycle events go to the state machine, messages and receipts to storage. */
@Singleton
public class EngineEventRouter implements Consumer<EngineEvent> {

    private static final Logger LOG = Logger.getLogger(EngineEventRouter.class);

    private final SessionStateMachine state;
    private final IncomingMessages incoming;
    private final MediaFiles media;
    private final MessageUpdates updates;
    private final Calls calls;
    private final Presences presences;
    private final GroupNotifications groups;
    private final AddressBook addresses;
    private final ContactRepository contacts;
    private final WritesAwaitingDatabase awaitingDatabase;
    private final WhatsAppEngine engine;

    public EngineEventRouter(WhatsAppEngine engine, SessionStateMachine state, IncomingMessages incoming, MediaFiles media,
                             MessageUpdates updates, Calls calls, Presences presences, GroupNotifications groups,
                             AddressBook addresses, ContactRepository contacts, WritesAwaitingDatabase awaitingDatabase) {
        this.addresses = addresses;
        this.contacts = contacts;
        this.state = state;
        this.groups = groups;
        this.presences = presences;
        this.calls = calls;
        this.updates = updates;
        this.incoming = incoming;
        this.media = media;
        this.awaitingDatabase = awaitingDatabase;
        this.engine = engine;
    }

    @Override
    public void accept(EngineEvent event) {
        try {
            if (event instanceof EngineEvent.Delivered delivered) {
                awaitingDatabase.writeOrKeep(delivered.getClass().getSimpleName(), () -> store(delivered));
            } else {
                state.apply(event);
                if (event instanceof EngineEvent.Connected) {
                    // logging in reads the rest of the store (chats, contacts): what that repaired
                    state.storeRepaired(engine.takeStoreRepairs());
                }
            }
        } catch (RuntimeException e) {
            // never throw into the engine's threads
            LOG.errorf(e, "Could not handle engine event %s", event.getClass().getSimpleName());
        }
    }

    private void store(EngineEvent.Delivered event) {
        switch (event) {
            case EngineEvent.MessageReceived received -> incoming.received(received.message())
                    .ifPresent(stored -> media.arrived(stored, received.message().content()));
            case EngineEvent.ReceiptReceived receipt -> incoming.receipt(receipt);
            case EngineEvent.MessageUpdated update -> updates.received(update);
            case EngineEvent.CallUpdated call -> calls.updated(call);
            case EngineEvent.PresenceUpdated presence -> presences.updated(presence);
            case EngineEvent.GroupNotified notified -> groups.received(notified);
            case EngineEvent.AddressLearned learned -> addresses.learned(learned);
            case EngineEvent.ContactSaved saved -> contacts.recordSaved(addresses.canonical(saved.jid()), saved.fullName(),
                    saved.firstName());
            case EngineEvent.BusinessNameSeen business -> contacts.recordBusinessName(addresses.canonical(business.jid()),
                    business.verifiedName());
        }
    }
}
