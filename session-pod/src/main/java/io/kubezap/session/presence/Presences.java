package io.kubezap.session.presence;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.address.AddressBook;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.session.engine.EngineCalls;
import jakarta.inject.Singleton;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/** Presence both ways: this account's (online, typing) set through WhatsApp; contacts' recorded as {@code presence.update}. */
@Singleton
public class Presences {

    private final SessionDb db;
    private final PresenceRepository presences;
    private final EventRepository events;
    private final WhatsAppEngine engine;
    private final AddressBook addresses;

    public Presences(SessionDb db, PresenceRepository presences, EventRepository events, WhatsAppEngine engine,
                     AddressBook addresses) {
        this.db = db;
        this.presences = presences;
        this.events = events;
        this.engine = engine;
        this.addresses = addresses;
    }

    /** Kept under the person's phone-number JID when known (as their messages are), with both forms in the event. */
    public void updated(EngineEvent.PresenceUpdated update) {
        db.inTransaction(handle -> {
            var address = addresses.resolve(handle, update.jid());
            Presence presence = new Presence(address.jid(), address.lid(), address.phoneNumber(),
                    update.state().name().toLowerCase(Locale.ROOT), update.lastSeen(), update.at().truncatedTo(ChronoUnit.MICROS));
            presences.record(handle, presence);
            events.append(handle, new PendingEvent(EventCatalogue.PRESENCE_UPDATE, presence), Timestamps.now());
            return null;
        });
    }

    public Map<String, Object> setOwn(boolean available) {
        EngineCalls.await(engine.setPresence(available));
        return Map.of("state", available ? "available" : "unavailable");
    }

    public Map<String, Object> chatState(String chatJid, EngineEvent.PresenceState state) {
        EngineCalls.await(engine.sendChatState(chatJid, state));
        return Map.of("chat", chatJid, "state", state.name().toLowerCase(Locale.ROOT));
    }

    public Map<String, Object> subscribe(String jid) {
        EngineCalls.await(engine.subscribePresence(jid));
        return Map.of("jid", jid, "subscribed", true);
    }
}
