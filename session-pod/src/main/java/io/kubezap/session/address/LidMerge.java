package io.kubezap.session.address;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;

/**
 * When a lid's phone number becomes known after rows were stored under the lid, those rows move to the number's JID:
 * the lid's chat joins the number's (counts added, the later last message kept), its messages and the contact follow.
 * Afterwards either form finds them, as with rows stored after the pairing was known.
 */
@Singleton
public class LidMerge {

    private final SessionDb db;

    public LidMerge(SessionDb db) {
        this.db = db;
    }

    void merge(Handle handle, String lid, String phoneJid) {
        String digits = phoneJid.substring(0, phoneJid.indexOf('@'));
        run(handle, """
                update messages m set chat_jid = :phone where namespace = :ns and session = :session and chat_jid = :lid
                  and not exists (select from messages o where o.namespace = m.namespace and o.session = m.session
                                  and o.chat_jid = :phone and o.wa_message_id = m.wa_message_id)""", lid, phoneJid);
        run(handle, "update messages set sender_jid = :phone where namespace = :ns and session = :session and sender_jid = :lid",
                lid, phoneJid);
        run(handle, """
                update chats p set
                    name = coalesce(p.name, l.name),
                    message_count = p.message_count + l.message_count,
                    unread_count = p.unread_count + l.unread_count,
                    last_message_id = case when l.last_message_at > p.last_message_at then l.last_message_id else p.last_message_id end,
                    last_message_preview = case when l.last_message_at > p.last_message_at then l.last_message_preview else p.last_message_preview end,
                    last_message_from_me = case when l.last_message_at > p.last_message_at then l.last_message_from_me else p.last_message_from_me end,
                    last_message_at = greatest(p.last_message_at, l.last_message_at),
                    last_activity_at = greatest(p.last_activity_at, l.last_activity_at),
                    created_at = least(p.created_at, l.created_at),
                    archived = p.archived or l.archived, pinned_at = coalesce(p.pinned_at, l.pinned_at),
                    muted_until = coalesce(p.muted_until, l.muted_until), marked_unread = p.marked_unread or l.marked_unread
                from chats l
                where p.namespace = :ns and p.session = :session and p.jid = :phone
                  and l.namespace = :ns and l.session = :session and l.jid = :lid""", lid, phoneJid);
        run(handle, """
                delete from chats where namespace = :ns and session = :session and jid = :lid
                  and exists (select from chats p where p.namespace = :ns and p.session = :session and p.jid = :phone)""", lid, phoneJid);
        run(handle, "update chats set jid = :phone where namespace = :ns and session = :session and jid = :lid", lid, phoneJid);
        run(handle, """
                update label_assignments l set chat_jid = :phone where namespace = :ns and session = :session and chat_jid = :lid
                  and not exists (select from label_assignments p where p.namespace = :ns and p.session = :session
                                  and p.chat_jid = :phone and p.label_id = l.label_id and p.message_id = l.message_id)""", lid, phoneJid);
        run(handle, "delete from label_assignments where namespace = :ns and session = :session and chat_jid = :lid", lid, phoneJid);
        run(handle, """
                update contacts p set push_name = coalesce(p.push_name, l.push_name), name = coalesce(p.name, l.name),
                    short_name = coalesce(p.short_name, l.short_name), business_name = coalesce(p.business_name, l.business_name), updated_at = greatest(p.updated_at, l.updated_at)
                from contacts l
                where p.namespace = :ns and p.session = :session and p.jid = :phone
                  and l.namespace = :ns and l.session = :session and l.jid = :lid""", lid, phoneJid);
        run(handle, """
                delete from contacts where namespace = :ns and session = :session and jid = :lid
                  and exists (select from contacts p where p.namespace = :ns and p.session = :session and p.jid = :phone)""", lid, phoneJid);
        db.update(handle, "update contacts set jid = :phone, phone_number = :digits where namespace = :ns and session = :session and jid = :lid")
                .bind("lid", lid).bind("phone", phoneJid).bind("digits", digits).execute();
    }

    private void run(Handle handle, String sql, String lid, String phoneJid) {
        db.update(handle, sql).bind("lid", lid).bind("phone", phoneJid).execute();
    }
}
