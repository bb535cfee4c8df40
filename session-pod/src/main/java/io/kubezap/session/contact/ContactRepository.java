package io.kubezap.session.contact;

import io.kubezap.session.address.Address;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.contract.Jid;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** {@code contacts}: who the session knows (who wrote to it, who is in its groups), with the name they go by. */
@Singleton
public class ContactRepository {

    private static final String MAPPED = Address.mappedColumns("contacts", "contacts.jid");

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

    /** Someone the session shares a group with: known from now on, without touching what is known of them already. */
    public void recordKnown(Handle handle, String jid, String phoneNumber, Instant at) {
        db.update(handle, """
                        insert into contacts (namespace, session, jid, phone_number, updated_at)
                        values (:ns, :session, :jid, :phone, :at) on conflict (namespace, session, jid) do nothing""")
                .bind("jid", jid).bind("phone", phoneNumber).bind("at", at).execute();
    }

    /** The name the account's owner saved for {@code jid} on the phone (app-state sync); null names keep the stored one. */
    public void recordSaved(String jid, String fullName, String firstName) {
        db.useTransaction(handle -> db.update(handle, """
                        insert into contacts (namespace, session, jid, phone_number, name, short_name, updated_at)
                        values (:ns, :session, :jid, :phone, :name, :shortName, now())
                        on conflict (namespace, session, jid) do update set
                            name = coalesce(excluded.name, contacts.name),
                            short_name = coalesce(excluded.short_name, contacts.short_name)""")
                .bind("jid", jid).bind("phone", Jid.phoneOf(jid).orElse(null)).bind("name", fullName).bind("shortName", firstName)
                .execute());
    }

    /** A business account's verified name, as its messages' certificate names it. */
    public void recordBusinessName(String jid, String verifiedName) {
        db.useTransaction(handle -> db.update(handle, """
                        insert into contacts (namespace, session, jid, phone_number, business_name, updated_at)
                        values (:ns, :session, :jid, :phone, :name, now())
                        on conflict (namespace, session, jid) do update set business_name = excluded.business_name""")
                .bind("jid", jid).bind("phone", Jid.phoneOf(jid).orElse(null)).bind("name", verifiedName).execute());
    }

    /** {@code jid}'s {@code @username} (without the {@code @}), as WhatsApp answered it. */
    public void recordUsername(Handle handle, String jid, String username, Instant at) {
        db.update(handle, """
                        insert into contacts (namespace, session, jid, phone_number, username, updated_at)
                        values (:ns, :session, :jid, :phone, :username, :at)
                        on conflict (namespace, session, jid) do update set username = excluded.username""")
                .bind("jid", jid).bind("phone", Jid.phoneOf(jid).orElse(null)).bind("username", username).bind("at", at).execute();
    }

    /** {@code jid}'s {@code @username} when WhatsApp told it. */
    public java.util.Optional<String> username(Handle handle, String jid) {
        return db.query(handle, "select username from contacts where namespace = :ns and session = :session and jid = :jid and username is not null")
                .bind("jid", jid).mapTo(String.class).findOne();
    }

    /** The people the account's owner saved on the phone (app-state sync), by JID: who "my contacts" are on WhatsApp. */
    public List<String> saved() {
        return db.read(handle -> db.query(handle, """
                        select jid from contacts
                         where namespace = :ns and session = :session and name is not null and jid like '%@s.whatsapp.net'
                         order by jid""")
                .mapTo(String.class).list());
    }

    /** Most recently seen first. */
    public List<Contact> recent(int limit) {
        return search(null, limit, 0);
    }

    /**
     * Most recently seen first, a page of them ({@code offset} skipped); with {@code text}, only those whose name, phone
     * number or JID holds it (any case).
     */
    public List<Contact> search(String text, int limit, int offset) {
        return db.read(handle -> db.query(handle, "select jid, phone_number, push_name, name, short_name, business_name, username, updated_at, " + MAPPED + """
                         from contacts
                        where namespace = :ns and session = :session
                          and (cast(:text as text) is null or strpos(lower(coalesce(name, '') || ' ' || coalesce(push_name, '') || ' ' || coalesce(business_name, '') || ' ' || coalesce(phone_number, '') || ' ' || jid), lower(:text)) > 0)
                        order by updated_at desc, jid limit :limit offset :offset""")
                .bind("text", text).bind("limit", limit).bind("offset", offset)
                .map(rs -> contact(rs))
                .list());
    }

    public java.util.Optional<Contact> find(String jid) {
        return db.read(handle -> db.query(handle, "select jid, phone_number, push_name, name, short_name, business_name, username, updated_at, "
                        + MAPPED + " from contacts where namespace = :ns and session = :session and "
                        + Address.storedAs("contacts", "jid", "jid") + " order by jid = :jid desc limit 1")
                .bind("jid", jid)
                .map(rs -> contact(rs))
                .findOne());
    }

    private static Contact contact(java.sql.ResultSet rs) throws java.sql.SQLException {
        Address address = Address.mapped(rs.getString("jid"), rs);
        String phone = rs.getString("phone_number") != null ? rs.getString("phone_number") : address.phoneNumber();
        return new Contact(rs.getString("jid"), address.lid(), phone, rs.getString("name"), rs.getString("short_name"),
                rs.getString("push_name"), rs.getString("business_name"), rs.getString("username"), SessionDb.instant(rs, "updated_at"));
    }
}
