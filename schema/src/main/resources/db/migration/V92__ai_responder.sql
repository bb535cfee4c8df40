-- The AI responder (issue 70, item 5; spec.autoReply.ai). ai_responder_turns: each one-to-one chat's memory, the
-- texts it exchanged with the chat-completions endpoint (role 'user' or 'assistant'), oldest pruned past the
-- configured window as each turn is written. ai_responder_chats: a chat where the API switched the responder off
-- (enabled false) or back on; a chat without a row follows spec.autoReply.ai. When a person last answered a chat (the
-- pause) is read from messages, not kept here. Row-level security, grants and the storage trigger come from
-- afterMigrate.sql like every table's. Compatible with the previous release: new tables it does not know.
set local lock_timeout = '5s';

create table ai_responder_turns (
    namespace  text        not null,
    session    text        not null,
    chat_jid   text        not null,
    turn       bigserial,
    role       text        not null check (role in ('user', 'assistant')),
    content    text        not null,
    created_at timestamptz not null,
    primary key (namespace, session, chat_jid, turn)
);

create table ai_responder_chats (
    namespace  text        not null,
    session    text        not null,
    chat_jid   text        not null,
    enabled    boolean     not null,
    changed_at timestamptz not null,
    primary key (namespace, session, chat_jid)
);
