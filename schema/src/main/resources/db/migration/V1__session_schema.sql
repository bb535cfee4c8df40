-- Every row belongs to one session, identified by (namespace, session): many session pods share a database.

create table session_state_history (
    id          bigserial   primary key,
    namespace   text        not null,
    session     text        not null,
    phase       text        not null,
    state       jsonb       not null,
    recorded_at timestamptz not null
);
create index session_state_history_latest on session_state_history (namespace, session, id desc);

create table chats (
    namespace       text        not null,
    session         text        not null,
    jid             text        not null,
    name            text,
    message_count   bigint      not null default 0,
    last_message_id text,
    last_message_at timestamptz,
    created_at      timestamptz not null,
    primary key (namespace, session, jid)
);
create index chats_recent on chats (namespace, session, last_message_at desc, jid);

create table contacts (
    namespace    text        not null,
    session      text        not null,
    jid          text        not null,
    phone_number text,
    push_name    text,
    updated_at   timestamptz not null,
    primary key (namespace, session, jid)
);

create table messages (
    namespace         text        not null,
    session           text        not null,
    id                text        not null,
    wa_message_id     text,
    chat_jid          text        not null,
    sender_jid        text,
    push_name         text,
    direction         text        not null check (direction in ('in', 'out')),
    type              text        not null,
    text              text,
    quoted_message_id text,
    mentions          text[]      not null default '{}',
    status            text        not null,
    failure_reason    text,
    idempotency_key   text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    primary key (namespace, session, id)
);
-- GET /messages: newest first with a (created_at, id) cursor, optionally per chat
create index messages_recent on messages (namespace, session, created_at desc, id desc);
create index messages_chat_recent on messages (namespace, session, chat_jid, created_at desc, id desc);
create unique index messages_wa_id on messages (namespace, session, chat_jid, wa_message_id)
    where wa_message_id is not null;
create unique index messages_idempotency_key on messages (namespace, session, idempotency_key)
    where idempotency_key is not null;

create table message_status_history (
    id          bigserial   primary key,
    namespace   text        not null,
    session     text        not null,
    message_id  text        not null,
    status      text        not null,
    reason      text,
    at          timestamptz not null,
    foreign key (namespace, session, message_id) references messages (namespace, session, id) on delete cascade
);
create index message_status_history_message on message_status_history (namespace, session, message_id, id);

create table events (
    id          bigserial   primary key,
    namespace   text        not null,
    session     text        not null,
    type        text        not null,
    payload     jsonb       not null,
    occurred_at timestamptz not null
);
create index events_recent on events (namespace, session, occurred_at desc, id desc);
create index events_type_recent on events (namespace, session, type, occurred_at desc, id desc);

-- A send is written here (state 'queued') in the same transaction as its message, before the engine sees it.
-- 'sending' is committed before the engine call: a row found in that state after a restart is never sent again.
create table outbound_queue (
    namespace       text        not null,
    session         text        not null,
    message_id      text        not null,
    state           text        not null check (state in ('queued', 'sending', 'done', 'failed')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    primary key (namespace, session, message_id),
    foreign key (namespace, session, message_id) references messages (namespace, session, id) on delete cascade
);
create index outbound_queue_due on outbound_queue (namespace, session, next_attempt_at, created_at)
    where state = 'queued';
