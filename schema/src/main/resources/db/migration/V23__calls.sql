-- Calls to the session's account: one row per call, its latest state.
create table calls (
    namespace   text        not null,
    session     text        not null,
    id          text        not null,
    caller_jid  text        not null,
    video       boolean     not null,
    status      text        not null check (status in ('ringing', 'accepted', 'rejected', 'ended', 'timed_out')),
    offline     boolean     not null default false,
    rejected_by text        check (rejected_by in ('api', 'auto', 'other-device')),
    offered_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (namespace, session, id)
);
-- GET /calls: newest first with an (offered_at, id) cursor
create index calls_recent on calls (namespace, session, offered_at desc, id desc);
