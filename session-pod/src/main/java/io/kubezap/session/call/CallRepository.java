package io.kubezap.session.call;

import io.kubezap.session.address.Address;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.Query;
import io.kubezap.session.db.RowMapper;
import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code calls}: each call's latest state. */
@Singleton
public class CallRepository {

    /** The caller as WhatsApp named it ({@code caller_jid}) and its other form, as far as known. */
    private static final String COLUMNS = "calls.*, " + Address.mappedColumns("calls", "calls.caller_jid");
    private static final RowMapper<Call> CALL = rs -> {
        Address caller = Address.mapped(rs.getString("caller_jid"), rs);
        return new Call(rs.getString("id"), caller.jid(), caller.lid(), caller.phoneNumber(), rs.getBoolean("video"),
                rs.getString("status"), rs.getBoolean("offline"), rs.getString("rejected_by"),
                SessionDb.instant(rs, "offered_at"), SessionDb.instant(rs, "updated_at"));
    };

    private final SessionDb db;

    public CallRepository(SessionDb db) {
        this.db = db;
    }

    /** Records an offer once; true when the call is new. */
    public boolean offered(Handle handle, String id, String from, boolean video, boolean offline, Instant at) {
        return db.update(handle, """
                        insert into calls (namespace, session, id, caller_jid, video, status, offline, offered_at, updated_at)
                        values (:ns, :session, :id, :from, :video, 'ringing', :offline, :at, :at)
                        on conflict do nothing""")
                .bind("id", id).bind("from", from).bind("video", video).bind("offline", offline).bind("at", at)
                .execute() == 1;
    }

    /** Moves a ringing (or accepted) call to {@code status}; a call already over stays as it ended. True when changed. */
    public boolean ended(Handle handle, String id, String status, String rejectedBy, Instant at) {
        return db.update(handle, """
                        update calls set status = :status, rejected_by = coalesce(:rejectedBy, rejected_by), updated_at = :at
                        where namespace = :ns and session = :session and id = :id
                          and (status = 'ringing' or (status = 'accepted' and :status in ('ended', 'timed_out')))""")
                .bind("id", id).bind("status", status).bind("rejectedBy", rejectedBy).bind("at", at)
                .execute() == 1;
    }

    public Optional<Call> find(Handle handle, String id) {
        return db.query(handle, "select " + COLUMNS + " from calls where namespace = :ns and session = :session and id = :id")
                .bind("id", id).map(CALL).findOne();
    }

    /** The caller's address as the offer named it: what a reject must name as the call's creator. */
    public Optional<String> creator(String id) {
        return db.read(handle -> db.query(handle, "select caller_jid from calls where namespace = :ns and session = :session and id = :id")
                .bind("id", id).mapTo(String.class).findOne());
    }

    public Optional<Call> find(String id) {
        return db.read(handle -> find(handle, id));
    }

    /** Newest first. */
    public List<Call> page(CallFilter filter, Optional<Instant> before, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from calls where namespace = :ns and session = :session");
        filter.status().ifPresent(s -> sql.append(" and status = :status"));
        filter.from().ifPresent(f -> sql.append(" and ").append(Address.storedAs("calls", "caller_jid", "from")));
        filter.video().ifPresent(v -> sql.append(" and video = :video"));
        before.ifPresent(b -> sql.append(" and offered_at < :before"));
        sql.append(" order by offered_at desc, id desc limit :limit");
        return db.read(handle -> {
            Query query = db.query(handle, sql.toString()).bind("limit", limit);
            filter.status().ifPresent(s -> query.bind("status", s));
            filter.from().ifPresent(f -> query.bind("from", f));
            filter.video().ifPresent(v -> query.bind("video", v));
            before.ifPresent(b -> query.bind("before", b));
            return query.map(CALL).list();
        });
    }
}
