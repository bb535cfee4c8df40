-- Message kinds beyond text and media, and what happens to a message afterwards.
-- content: a location, contact cards or a poll, as the API shows them ({"location": …} / {"contacts": […]} / {"poll": …}).
-- origin: for outgoing messages, 'api' (sent through this pod) or 'phone' (written on another of the account's devices).
alter table messages add column content    jsonb;
alter table messages add column origin     text check (origin in ('api', 'phone'));
alter table messages add column edited_at  timestamptz;
alter table messages add column deleted_at timestamptz;
alter table messages add column deleted_by text;
alter table messages add column hidden_at  timestamptz;
update messages set origin = 'api' where direction = 'out';
-- GET /messages/deleted: newest deletions first
create index messages_deleted on messages (namespace, session, deleted_at desc, id desc) where deleted_at is not null;

-- Every earlier text of an edited message, oldest first; the message row holds the current one.
create table message_edits (
    id         bigserial   primary key,
    namespace  text        not null,
    session    text        not null,
    message_id text        not null,
    text       text,
    edited_at  timestamptz not null,
    foreign key (namespace, session, message_id) references messages (namespace, session, id) on delete cascade
);
create index message_edits_message on message_edits (namespace, session, message_id, id);

-- One reaction per person per message: a new emoji replaces the earlier one, an empty one removes it.
create table message_reactions (
    namespace  text        not null,
    session    text        not null,
    message_id text        not null,
    sender_jid text        not null,
    emoji      text        not null,
    at         timestamptz not null,
    primary key (namespace, session, message_id, sender_jid),
    foreign key (namespace, session, message_id) references messages (namespace, session, id) on delete cascade
);

-- A poll voter's current choice (a new vote replaces the earlier one).
create table poll_votes (
    namespace  text        not null,
    session    text        not null,
    message_id text        not null,
    voter_jid  text        not null,
    options    text[]      not null,
    at         timestamptz not null,
    primary key (namespace, session, message_id, voter_jid),
    foreign key (namespace, session, message_id) references messages (namespace, session, id) on delete cascade
);

-- A reaction, edit, deletion or vote whose message is not stored (yet): applied when the message arrives.
create table pending_message_updates (
    id          bigserial   primary key,
    namespace   text        not null,
    session     text        not null,
    chat_jid    text        not null,
    target_id   text        not null,
    update_id   text        not null,
    actor_jid   text,
    from_me     boolean     not null,
    payload     jsonb       not null,
    at          timestamptz not null,
    received_at timestamptz not null
);
create index pending_message_updates_target on pending_message_updates (namespace, session, chat_jid, target_id);

alter table chats add column unread_count          int     not null default 0;
alter table chats add column last_message_preview  text;
alter table chats add column last_message_from_me  boolean;
