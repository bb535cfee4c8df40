package io.kubezap.session.state;

import io.kubezap.contract.SessionState;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.WaitingWriteKind;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.session.json.SpooledJson;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * Recording a state the session entered, with its events, in one transaction; a write that can wait for the database
 * on the volume (a spooled event's payload comes back as the JSON object it was, and is recorded as such).
 */
@Singleton
public class StateChanges implements WaitingWriteKind<StateChanges.Change> {

    public record Change(SessionState state, List<PendingEvent> events, Instant at) {
    }

    private static final SpooledJson<Change> JSON = new SpooledJson<>(Change.class);

    private final SessionDb db;
    private final StateHistoryRepository history;
    private final EventRepository events;

    public StateChanges(SessionDb db, StateHistoryRepository history, EventRepository events) {
        this.db = db;
        this.history = history;
        this.events = events;
    }

    @Override
    public String name() {
        return "session-state";
    }

    @Override
    public String describe(Change change) {
        return "session state " + change.state().phase();
    }

    @Override
    public SpooledJson<Change> json() {
        return JSON;
    }

    @Override
    public void record(Change change) {
        db.useTransaction(handle -> {
            history.append(handle, change.state(), change.at());
            events.appendAll(handle, change.events(), change.at());
        });
    }
}
