package io.kubezap.session.group;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.RowMapper;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.GroupInfo;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** {@code groups} and their {@code group_participants}: the account's groups as WhatsApp last described them. */
@Singleton
public class GroupRepository {

    private static final String SUMMARY = """
            select g.*, (select count(*) from group_participants p
                         where p.namespace = g.namespace and p.session = g.session and p.group_jid = g.jid) as size
            from groups g where g.namespace = :ns and g.session = :session""";
    private static final RowMapper<GroupSummary> GROUP = rs -> new GroupSummary(rs.getString("jid"),
            rs.getString("subject"), rs.getString("description"), rs.getString("owner_jid"), rs.getInt("size"),
            rs.getString("my_role"), rs.getBoolean("announce"), rs.getBoolean("locked"), rs.getLong("ephemeral_seconds"),
            rs.getBoolean("join_approval"), rs.getBoolean("community"), rs.getString("parent_jid"),
            rs.getBoolean("announcements_group"), SessionDb.instant(rs, "updated_at"));

    private final SessionDb db;

    public GroupRepository(SessionDb db) {
        this.db = db;
    }

    /** Stores the group as described, replacing its participants; {@code accountJid} finds the account's role. */
    public void save(Handle handle, GroupInfo group, String accountJid, Instant at) {
        var myRole = group.participants().stream().filter(participant -> participant.jid().equals(accountJid))
                .map(GroupInfo.Participant::role).findFirst().orElse(null);
        db.update(handle, """
                        insert into groups (namespace, session, jid, subject, description, owner_jid, announce, locked,
                          ephemeral_seconds, join_approval, community, parent_jid, announcements_group, my_role, updated_at)
                        values (:ns, :session, :jid, :subject, :description, :owner, :announce, :locked,
                          :ephemeral, :joinApproval, :community, :parent, :announcementsGroup, :myRole, :at)
                        on conflict (namespace, session, jid) do update set subject = excluded.subject,
                          description = excluded.description, owner_jid = excluded.owner_jid, announce = excluded.announce,
                          locked = excluded.locked, ephemeral_seconds = excluded.ephemeral_seconds,
                          join_approval = excluded.join_approval, community = excluded.community,
                          parent_jid = excluded.parent_jid, announcements_group = excluded.announcements_group,
                          my_role = excluded.my_role, updated_at = excluded.updated_at""")
                .bind("jid", group.jid()).bind("subject", group.subject()).bind("description", group.description())
                .bind("owner", group.owner()).bind("announce", group.announce()).bind("locked", group.locked())
                .bind("ephemeral", group.ephemeralSeconds()).bind("joinApproval", group.joinApproval())
                .bind("community", group.community()).bind("parent", group.parent())
                .bind("announcementsGroup", group.announcementsGroup()).bind("myRole", myRole).bind("at", at).execute();
        db.update(handle, "delete from group_participants where namespace = :ns and session = :session and group_jid = :jid")
                .bind("jid", group.jid()).execute();
        for (var participant : group.participants()) {
            db.update(handle, """
                            insert into group_participants (namespace, session, group_jid, jid, role)
                            values (:ns, :session, :group, :jid, :role) on conflict do nothing""")
                    .bind("group", group.jid()).bind("jid", participant.jid()).bind("role", participant.role()).execute();
        }
    }

    /** Forgets a group the account is no longer in; true when it was stored. */
    public boolean delete(Handle handle, String jid) {
        return db.update(handle, "delete from groups where namespace = :ns and session = :session and jid = :jid")
                .bind("jid", jid).execute() == 1;
    }

    /** Forgets every stored group but these. */
    public void keepOnly(Handle handle, Collection<String> jids) {
        db.update(handle, "delete from groups where namespace = :ns and session = :session and jid <> all(:jids)")
                .bindArray("jids", String.class, (Object[]) jids.toArray(String[]::new)).execute();
    }

    public Optional<GroupSummary> find(Handle handle, String jid) {
        return db.query(handle, SUMMARY + " and g.jid = :jid").bind("jid", jid).map(GROUP).findOne();
    }

    /** By subject (then JID). */
    public List<GroupSummary> page(int limit, int offset) {
        return db.read(handle -> db.query(handle, SUMMARY + " order by lower(g.subject), g.jid limit :limit offset :offset")
                .bind("limit", limit).bind("offset", offset).map(GROUP).list());
    }

    /** Records a notification's id; false when it was handled before. */
    public boolean firstTime(Handle handle, String notificationId, Instant at) {
        return db.update(handle, """
                        insert into group_notifications (namespace, session, id, received_at)
                        values (:ns, :session, :id, :at) on conflict do nothing""")
                .bind("id", notificationId).bind("at", at).execute() == 1;
    }
}
