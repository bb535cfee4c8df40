package io.kubezap.session.contact;

import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;

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
}
