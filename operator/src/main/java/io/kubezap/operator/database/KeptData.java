package io.kubezap.operator.database;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.ReasonedFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rows kept after a session was deleted with {@code dataOnDelete: Retain} belong to that session's UID (table
 * {@code kept_session_data}). A new session of the same namespace and name is another object: it is refused
 * ({@link KeptDataOfAnotherSession}: no database role, so no credentials and no pod on the kept volume) until it names
 * the old UID in {@value #ADOPT_ANNOTATION}, or an admin deletes the old rows. A session found free of such rows
 * is not looked up again.
 */
@ApplicationScoped
public class KeptData {

    /** On a new session: the UID of the deleted session whose kept rows (and volume) it takes over, on purpose. */
    public static final String ADOPT_ANNOTATION = "kubezap.io/adopt-kept-data";

    private final AdminDatabase admin;
    private final Set<String> cleared = ConcurrentHashMap.newKeySet();

    public KeptData(AdminDatabase admin) {
        this.admin = admin;
    }

    /** Nothing kept under the session's name belongs to another session, or the session adopts it by UID. */
    public void requireOwnOrAdopted(WhatsAppSession session) {
        String uid = session.getMetadata().getUid();
        if (cleared.contains(uid)) {
            return;
        }
        Optional<String> keptFor = anotherSessions(session);
        if (keptFor.isPresent()) {
            String adopting = Optional.ofNullable(session.getMetadata().getAnnotations()).orElse(Map.of()).get(ADOPT_ANNOTATION);
            if (!keptFor.get().equals(adopting)) {
                throw new KeptDataOfAnotherSession(session, keptFor.get());
            }
            forget(session);
        }
        cleared.add(uid);
    }

    /** The UID of another, deleted session whose rows are kept under this session's name. */
    public Optional<String> anotherSessions(WhatsAppSession session) {
        try {
            return admin.use(connection -> {
                try (PreparedStatement query = connection.prepareStatement(
                        "select session_uid from kept_session_data where namespace = ? and session = ?")) {
                    query.setString(1, session.getMetadata().getNamespace());
                    query.setString(2, session.getMetadata().getName());
                    try (ResultSet row = query.executeQuery()) {
                        return row.next() && !row.getString(1).equals(session.getMetadata().getUid())
                                ? Optional.of(row.getString(1)) : Optional.<String>empty();
                    }
                }
            });
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read whose rows are kept for " + describe(session), e);
        }
    }

    /** The session's rows stay after its deletion: they are its UID's. */
    public void recordKept(WhatsAppSession session) {
        update("insert into kept_session_data (namespace, session, session_uid) values (?, ?, ?)"
                + " on conflict (namespace, session) do update set session_uid = excluded.session_uid, kept_at = now()",
                session, true);
        cleared.remove(session.getMetadata().getUid());
    }

    private void forget(WhatsAppSession session) {
        update("delete from kept_session_data where namespace = ? and session = ?", session, false);
    }

    private void update(String sql, WhatsAppSession session, boolean withUid) {
        try {
            admin.use(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, session.getMetadata().getNamespace());
                    statement.setString(2, session.getMetadata().getName());
                    if (withUid) {
                        statement.setString(3, session.getMetadata().getUid());
                    }
                    return statement.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot record whose rows are kept for " + describe(session), e);
        }
    }

    private static String describe(WhatsAppSession session) {
        return session.getMetadata().getNamespace() + "/" + session.getMetadata().getName();
    }

    /** The session's name holds kept rows of another session that it does not adopt. */
    public static final class KeptDataOfAnotherSession extends RuntimeException implements ReasonedFailure {

        KeptDataOfAnotherSession(WhatsAppSession session, String keptFor) {
            super("the rows and volume kept under " + describe(session) + " belong to a deleted session of the same name"
                    + " (uid " + keptFor + "), not to this one; to take them over on purpose, annotate this session "
                    + ADOPT_ANNOTATION + "=" + keptFor + "; otherwise delete the old rows (every table, where namespace = '"
                    + session.getMetadata().getNamespace() + "' and session = '" + session.getMetadata().getName()
                    + "', and kept_session_data) and the claim, or pick another name");
        }

        @Override
        public Reason reason() {
            return Reason.KeptDataOfAnotherSession;
        }
    }
}
