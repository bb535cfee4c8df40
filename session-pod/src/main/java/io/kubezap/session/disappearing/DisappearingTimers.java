package io.kubezap.session.disappearing;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.address.AddressBook;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.message.Message;
import io.kubezap.session.state.SessionStateMachine;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Disappearing messages in one-to-one chats: each chat's timer and the account's default, changed through WhatsApp first
 * and then kept, and a chat's change by its other side (or the account's phone) kept and announced as
 * {@code chat.disappearing}. What is kept is what a send reads ({@link #seconds}): the session's messages in such a
 * chat carry its expiration, as WhatsApp's apps' do.
 */
@Singleton
public class DisappearingTimers {

    /** WhatsApp's durations: 24 hours, 7 days, 90 days; 0 turns it off. */
    public static final List<Integer> DURATIONS = List.of(0, 86_400, 604_800, 7_776_000);

    private final SessionDb db;
    private final DisappearingRepository timers;
    private final EventRepository events;
    private final WhatsAppEngine engine;
    private final AddressBook addresses;
    private final SessionStateMachine state;

    public DisappearingTimers(SessionDb db, DisappearingRepository timers, EventRepository events, WhatsAppEngine engine,
                              AddressBook addresses, SessionStateMachine state) {
        this.db = db;
        this.timers = timers;
        this.events = events;
        this.engine = engine;
        this.addresses = addresses;
        this.state = state;
    }

    public DisappearingTimer chat(String chatJid) {
        String chat = oneToOne(chatJid);
        return db.read(handle -> timers.find(handle, chat)).orElse(DisappearingTimer.of(chat, 0, null, null));
    }

    public DisappearingTimer accountDefault() {
        return db.read(handle -> timers.find(handle, DisappearingRepository.ACCOUNT_DEFAULT))
                .orElse(DisappearingTimer.of(null, 0, null, null));
    }

    /** Turns the chat's timer to {@code seconds} at WhatsApp (the other side's phone shows it), then keeps it. */
    public DisappearingTimer setChat(String chatJid, Integer seconds) {
        String chat = oneToOne(chatJid);
        int duration = duration(seconds);
        EngineCalls.await(engine.setDisappearing(chat, duration));
        record(chat, duration, self(), false, Timestamps.now());
        return chat(chat);
    }

    public DisappearingTimer setDefault(Integer seconds) {
        int duration = duration(seconds);
        EngineCalls.await(engine.setDefaultDisappearing(duration));
        db.inTransaction(handle -> timers.set(handle, DisappearingRepository.ACCOUNT_DEFAULT, duration, self(), Timestamps.now()));
        return accountDefault();
    }

    /** The default changed on the account's phone: kept, and announced as {@code account.disappearing}. */
    public void defaultChanged(EngineEvent.DefaultDisappearingChanged change) {
        String by = self();
        Instant at = change.at().truncatedTo(ChronoUnit.MICROS);
        db.inTransaction(handle -> {
            if (timers.set(handle, DisappearingRepository.ACCOUNT_DEFAULT, change.seconds(), by, at)) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("ephemeralExpiration", change.seconds());
                data.put("by", by);
                data.put("at", at);
                events.append(handle, new PendingEvent(EventCatalogue.ACCOUNT_DISAPPEARING, data), Timestamps.now());
            }
            return null;
        });
    }

    /**
     * A live message in a one-to-one chat carried an expiration ({@code contextInfo.expiration}) other than the chat's
     * timer: WhatsApp's apps take it as the chat's timer (a contact whose default is on starts the chat so, and a setting
     * this device missed shows so), unless the timer changed after the message was sent. A message carrying none says
     * nothing (reactions, some kinds and older apps carry no context).
     */
    public void carried(Message stored, EngineEvent.IncomingMessage in) {
        Integer expiration = in.traits().ephemeralExpiration();
        String chat = stored.envelope().chat();
        if (expiration == null || expiration <= 0 || !DURATIONS.contains(expiration) || !isOneToOne(chat) || in.timestamp() == null
                || stored.envelope().history()) {
            return;
        }
        Instant sentAt = in.timestamp().truncatedTo(ChronoUnit.MICROS);
        String by = in.fromMe() ? self() : addresses.canonical(in.senderJid());
        db.inTransaction(handle -> {
            if (timers.follow(handle, chat, expiration, by, sentAt)) {
                events.append(handle, new PendingEvent(EventCatalogue.CHAT_DISAPPEARING, changeEvent(chat, expiration, by, in.fromMe(), sentAt)),
                        Timestamps.now());
            }
            return null;
        });
    }

    /** A change WhatsApp delivered: the chat's other side, or the account on another device. */
    public void changed(EngineEvent.DisappearingChanged change) {
        record(addresses.canonical(change.chatJid()), change.seconds(), addresses.canonical(change.actorJid()), change.fromMe(),
                change.at().truncatedTo(ChronoUnit.MICROS));
    }

    /** Seconds a message sent now to {@code chatJid} lasts: its one-to-one chat's timer, 0 elsewhere. */
    public int seconds(io.kubezap.session.db.Handle handle, String chatJid) {
        return isOneToOne(chatJid) ? timers.seconds(handle, chatJid) : 0;
    }

    private void record(String chat, int seconds, String by, boolean fromMe, Instant at) {
        db.inTransaction(handle -> {
            if (timers.set(handle, chat, seconds, by, at)) {
                events.append(handle, new PendingEvent(EventCatalogue.CHAT_DISAPPEARING, changeEvent(chat, seconds, by, fromMe, at)),
                        Timestamps.now());
            }
            return null;
        });
    }

    private static Map<String, Object> changeEvent(String chat, int seconds, String by, boolean fromMe, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("chat", chat);
        data.put("ephemeralExpiration", seconds);
        data.put("by", by);
        data.put("fromMe", fromMe);
        data.put("at", at);
        return data;
    }

    private String self() {
        var account = state.current().account();
        return account == null ? null : account.jid();
    }

    private static int duration(Integer seconds) {
        if (seconds == null || !DURATIONS.contains(seconds)) {
            throw Failure.invalid("ephemeralExpiration", "must be one of WhatsApp's durations: 86400 (24 h), 604800 (7 days), "
                    + "7776000 (90 days), or 0 (off)");
        }
        return seconds;
    }

    private static String oneToOne(String chatJid) {
        if (!isOneToOne(chatJid)) {
            throw Failure.invalid("jid", "disappearing messages here are a one-to-one chat's (a number, …@s.whatsapp.net or …@lid); "
                    + "a group's is its ephemeralSeconds (PATCH /groups/{jid})");
        }
        return chatJid;
    }

    private static boolean isOneToOne(String chatJid) {
        return chatJid != null && (chatJid.endsWith("@s.whatsapp.net") || chatJid.endsWith("@lid"));
    }
}
