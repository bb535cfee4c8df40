package io.kubezap.session.label;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.RowMapper;
import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code labels}: the account's WhatsApp Business labels, as its app state has them. */
@Singleton
public class LabelRepository {

    private static final RowMapper<Label> LABEL = rs -> new Label(rs.getString("id"), rs.getString("name"),
            rs.getInt("color"), SessionDb.instant(rs, "updated_at"));

    private final SessionDb db;

    public LabelRepository(SessionDb db) {
        this.db = db;
    }

    /** Stores the label as it is now; false when it was already so. */
    public boolean save(Handle handle, String id, String name, int color, Instant at) {
        return db.update(handle, """
                        insert into labels (namespace, session, id, name, color, updated_at) values (:ns, :session, :id, :name, :color, :at)
                        on conflict (namespace, session, id) do update set name = excluded.name, color = excluded.color,
                            updated_at = excluded.updated_at
                        where (labels.name, labels.color) is distinct from (excluded.name, excluded.color)""")
                .bind("id", id).bind("name", name).bind("color", color).bind("at", at).execute() == 1;
    }

    /** Removes the label and its assignments; the label as it was, when there was one. */
    public Optional<Label> delete(Handle handle, String id) {
        Optional<Label> gone = find(handle, id);
        db.update(handle, "delete from label_assignments where namespace = :ns and session = :session and label_id = :id")
                .bind("id", id).execute();
        db.update(handle, "delete from labels where namespace = :ns and session = :session and id = :id").bind("id", id).execute();
        return gone;
    }

    public Optional<Label> find(Handle handle, String id) {
        return db.query(handle, "select * from labels where namespace = :ns and session = :session and id = :id")
                .bind("id", id).map(LABEL).findOne();
    }

    public List<Label> all() {
        return db.read(handle -> db.query(handle, "select * from labels where namespace = :ns and session = :session order by id")
                .map(LABEL).list());
    }

    /** The next free id in the account's numbering ("1", "2", …). */
    public String nextId() {
        return db.read(handle -> db.query(handle, """
                        select coalesce(max(case when id ~ '^[0-9]{1,9}$' then id::int end), 0) + 1
                        from labels where namespace = :ns and session = :session""")
                .mapTo(Integer.class).one()).toString();
    }
}
