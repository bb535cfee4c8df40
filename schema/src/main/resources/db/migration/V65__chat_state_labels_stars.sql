-- Chats as the phone has them (issue 37): what WhatsApp's app state (and a history sync's conversations) says of a
-- chat. pinned_at: when it was pinned (null: not pinned); muted_until: notifications off until then (null: not muted;
-- 9999-12-31 23:59:59Z: muted for ever); marked_unread: the owner marked it unread (its unread_count may be 0).
alter table chats
    add column archived      boolean not null default false,
    add column pinned_at     timestamptz,
    add column muted_until   timestamptz,
    add column marked_unread boolean not null default false;

-- WhatsApp Business labels, by the id WhatsApp gives them (the account's own numbering, "1", "2", ...)
create table labels (
    namespace  text        not null,
    session    text        not null,
    id         text        not null,
    name       text        not null,
    color      int         not null default 0,
    updated_at timestamptz not null,
    primary key (namespace, session, id)
);

-- A label on a chat (message_id '') or on one message of it (message_id: its WhatsApp id)
create table label_assignments (
    namespace  text        not null,
    session    text        not null,
    label_id   text        not null,
    chat_jid   text        not null,
    message_id text        not null default '',
    created_at timestamptz not null,
    primary key (namespace, session, label_id, chat_jid, message_id)
);
create index label_assignments_chat on label_assignments (namespace, session, chat_jid);

-- Starred messages (app state: star)
alter table messages add column starred boolean not null default false;
