-- Disappearing messages (issue 56 item 10): how long messages last in a one-to-one chat ('chat_jid', as the session
-- names the person) and, under chat_jid '', the account's default for chats it starts; seconds 0: they stay. Set
-- through the API or by the chat's other side (an EPHEMERAL_SETTING protocol message); set_by is who changed it last.
create table disappearing_timers (
    namespace text        not null,
    session   text        not null,
    chat_jid  text        not null,
    seconds   integer     not null,
    set_by    text,
    set_at    timestamptz not null,
    primary key (namespace, session, chat_jid)
);
