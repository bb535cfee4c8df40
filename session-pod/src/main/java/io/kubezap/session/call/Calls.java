package io.kubezap.session.call;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.outbound.SendIntake;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Records calls from what WhatsApp reports ({@code call.received} when one rings, {@code call.updated} as it ends),
 * declines them on request, and with auto-reject declines each as it rings and answers the caller with a text (sent
 * once per call, through the outbox).
 */
@Singleton
public class Calls {

    private static final Logger LOG = Logger.getLogger(Calls.class);

    private final SessionDb db;
    private final CallRepository calls;
    private final EventRepository events;
    private final WhatsAppEngine engine;
    private final SendIntake outgoing;
    private final SessionConfig.Calls settings;

    public Calls(SessionDb db, CallRepository calls, EventRepository events, WhatsAppEngine engine,
                 SendIntake outgoing, SessionConfig config) {
        this.db = db;
        this.calls = calls;
        this.events = events;
        this.engine = engine;
        this.outgoing = outgoing;
        this.settings = config.calls();
    }

    public void updated(EngineEvent.CallUpdated update) {
        Instant at = update.at().truncatedTo(ChronoUnit.MICROS);
        if (update.state() == EngineEvent.CallState.RINGING) {
            boolean isNew = db.inTransaction(handle -> {
                if (!calls.offered(handle, update.callId(), update.callerJid(), update.video(), update.offline(), at)) {
                    return false;
                }
                events.append(handle, new PendingEvent(EventCatalogue.CALL_RECEIVED, calls.find(handle, update.callId()).orElseThrow()),
                        Timestamps.now());
                return true;
            });
            if (isNew && settings.autoReject() && !update.offline()) {
                autoReject(update);
            }
            return;
        }
        String status = update.state().name().toLowerCase(Locale.ROOT);
        String by = update.state() == EngineEvent.CallState.REJECTED ? "other-device" : null;
        record(update.callId(), status, by, at);
    }

    /** Declines a ringing call. */
    public Call reject(String id) {
        Call call = calls.find(id).orElseThrow(() -> Failure.notFound("No call '" + id + "' in this session"));
        if (!call.ringing()) {
            throw Failure.conflict("call-not-ringing", "Call not ringing", "Call " + id + " is " + call.status());
        }
        decline(call.id(), calls.creator(id).orElse(call.from()), "api");
        return calls.find(id).orElseThrow();
    }

    private void autoReject(EngineEvent.CallUpdated update) {
        try {
            decline(update.callId(), update.callerJid(), "auto");
        } catch (RuntimeException failed) {
            LOG.warnf("Could not auto-reject call %s from %s: %s", update.callId(), update.callerJid(), failed.getMessage());
            return;
        }
        settings.autoRejectMessage().filter(text -> !text.isBlank()).ifPresent(text -> outgoing.submit(
                SendCommand.text(update.callerJid(), text, null, List.of()), Optional.of("call-rejected-" + update.callId())));
    }

    private void decline(String callId, String callerJid, String by) {
        EngineCalls.await(engine.rejectCall(callId, callerJid));
        record(callId, "rejected", by, Timestamps.now());
    }

    private void record(String callId, String status, String by, Instant at) {
        db.inTransaction(handle -> {
            if (calls.ended(handle, callId, status, by, at)) {
                events.append(handle, new PendingEvent(EventCatalogue.CALL_UPDATED, calls.find(handle, callId).orElseThrow()),
                        Timestamps.now());
            }
            return null;
        });
    }
}
