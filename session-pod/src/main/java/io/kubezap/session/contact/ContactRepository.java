package io.kubezap.session.contact;

import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/** {@code contacts}: who wrote to this session, with the name they go by. */
@Singleton
public class ContactRepository {

    private final SessionDb db;

    public ContactRepository(SessionDb db) {
        this.db = db;
    }

    public void recordSeen(Handle handle, String jid, String phoneNumber, String pushName, Instant at) {
        db.update(handle, """
                        insert into contacts (namespace, session, jid, phone_number, push_name, updated_at)
                        values (:ns, :session, :jid, :phone, :pushName, :at)
                        on conflict (namespace, session, jid) do update set
                            push_name = coalesce(excluded.push_name, contacts.push_name),
                            updated_at = excluded.updated_at""")
                .bind("jid", jid).bind("phone", phoneNumber).bind("pushName", pushName).bind("at", at)
                .execute();
    }

    /** Most recently seen first. */
    public List<Contact> recent(int limit) {
        return db.read(handle -> db.query(handle, """
                        select jid, phone_number, push_name, updated_at from contacts
                        where namespace = :ns and session = :session order by updated_at desc, jid limit :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new Contact(rs.getString("jid"), rs.getString("phone_number"),
                        rs.getString("push_name"), SessionDb.instant(rs, "updated_at")))
                .list());
    }
}
