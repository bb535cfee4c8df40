-- The groups the session's account is in, as WhatsApp last described them: written when the session creates, reads
-- or joins a group, refreshed from WhatsApp at each login (participating) and on each group notification. A group the
-- account is no longer in is deleted.
create table groups (
    namespace   text        not null,
    session     text        not null,
    jid         text        not null,
    subject     text        not null,
    description text,
    owner_jid   text,
    announce    boolean     not null default false,
    locked      boolean     not null default false,
    -- null when the account is not found among the participants (e.g. listed by another address)
    my_role     text        check (my_role in ('superadmin', 'admin', 'member')),
    updated_at  timestamptz not null,
    primary key (namespace, session, jid)
);
-- GET /groups: by subject
create index groups_by_subject on groups (namespace, session, lower(subject), jid);

create table group_participants (
    namespace text not null,
    session   text not null,
    group_jid text not null,
    jid       text not null,
    role      text not null check (role in ('superadmin', 'admin', 'member')),
    primary key (namespace, session, group_jid, jid),
    foreign key (namespace, session, group_jid) references groups (namespace, session, jid) on delete cascade
);

-- w:gp2 notifications already handled: WhatsApp delivers one again when its ack was lost, which must not repeat events
create table group_notifications (
    namespace   text        not null,
    session     text        not null,
    id          text        not null,
    received_at timestamptz not null,
    primary key (namespace, session, id)
);
