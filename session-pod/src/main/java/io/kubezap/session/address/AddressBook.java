package io.kubezap.session.address;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.jid.Addresses;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The session's lid↔phone mapping ({@code lid_mappings}): what WhatsApp told about who stands behind a linked identity.
 * A chat, contact or message is stored under the phone-number JID once it is known, so that a person who writes from
 * a lid and is answered at their number has one conversation; the API takes either form ({@link Addresses}).
 */
@Startup
@Singleton
public class AddressBook {

    private final SessionDb db;
    private final LidMerge merge;

    public AddressBook(SessionDb db, LidMerge merge) {
        this.db = db;
        this.merge = merge;
        Addresses.install(this::canonical);
    }

    public void learned(EngineEvent.AddressLearned learned) {
        db.useTransaction(handle -> learn(handle, learned.lidJid(), learned.phoneJid(), learned.source()));
    }

    public void learn(Handle handle, String lidJid, String phoneJid, String source) {
        if (lidJid == null || phoneJid == null || !lidJid.endsWith(Address.LID_SERVER) || !phoneJid.endsWith(Address.PHONE_SERVER)) {
            return;
        }
        int changed = db.update(handle, """
                        insert into lid_mappings (namespace, session, lid, phone_jid, source, learned_at)
                        values (:ns, :session, :lid, :phone, :source, :at)
                        on conflict (namespace, session, lid) do update set
                            phone_jid = excluded.phone_jid, source = excluded.source, learned_at = excluded.learned_at
                        where lid_mappings.phone_jid <> excluded.phone_jid""")
                .bind("lid", lidJid).bind("phone", phoneJid).bind("source", source).bind("at", Timestamps.now())
                .execute();
        // every message from a lid repeats its pairing: rows move only when it is news
        if (changed > 0) {
            merge.merge(handle, lidJid, phoneJid);
        }
    }

    /** The phone-number JID a lid stands for when known; any other address unchanged. */
    public String canonical(String jid) {
        if (jid == null || !jid.endsWith(Address.LID_SERVER)) {
            return jid;
        }
        return db.read(handle -> canonical(handle, jid));
    }

    public String canonical(Handle handle, String jid) {
        if (jid == null || !jid.endsWith(Address.LID_SERVER)) {
            return jid;
        }
        return phoneOf(handle, jid).orElse(jid);
    }

    /** Both forms of {@code jid}, as far as known. */
    public Address resolve(Handle handle, String jid) {
        if (jid == null) {
            return Address.of(null, null, null);
        }
        Optional<String[]> pair = db.query(handle, """
                        select lid, phone_jid from lid_mappings
                        where namespace = :ns and session = :session and (lid = :jid or phone_jid = :jid)
                        order by learned_at desc limit 1""")
                .bind("jid", jid)
                .map(rs -> new String[]{rs.getString("lid"), rs.getString("phone_jid")})
                .findOne();
        String phoneJid = jid.endsWith(Address.PHONE_SERVER) ? jid : pair.map(p -> p[1]).orElse(null);
        // a username is kept on the contact, under the number when known, else the lid
        Optional<String> username = db.query(handle, """
                        select username from contacts where namespace = :ns and session = :session and username is not null
                           and jid in (:jid, coalesce(cast(:phone as text), :jid))""")
                .bind("jid", jid).bind("phone", phoneJid).mapTo(String.class).findFirst();
        return Address.of(jid, pair.map(p -> p[0]).orElse(null), pair.map(p -> p[1]).orElse(null), username.orElse(null));
    }

    private Optional<String> phoneOf(Handle handle, String lidJid) {
        return db.query(handle, "select phone_jid from lid_mappings where namespace = :ns and session = :session and lid = :lid")
                .bind("lid", lidJid).mapTo(String.class).findOne();
    }
}
