package io.kubezap.session.state;

import io.kubezap.contract.SessionState;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/** {@code session_state_history}: one row per state change. */
@Singleton
public class StateHistoryRepository {

    private final SessionDb db;
    private final ObjectMapper json;

    public StateHistoryRepository(SessionDb db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public void append(Handle handle, SessionState state, Instant at) {
        db.update(handle, """
                        insert into session_state_history (namespace, session, phase, state, recorded_at)
                        values (:ns, :session, :phase, cast(:state as jsonb), :at)""")
                .bind("phase", state.phase().name())
                .bind("state", write(state))
                .bind("at", at)
                .execute();
    }

    public Optional<SessionState> latest() {
        return db.read(handle -> db.query(handle, """
                        select state::text from session_state_history
                        where namespace = :ns and session = :session order by id desc limit 1""")
                .mapTo(String.class).findOne().map(this::read));
    }

    private String write(SessionState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SessionState read(String state) {
        try {
            return json.readValue(state, SessionState.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
