-- The latest presence of each contact the session hears about, and what they last did in their chat with it.
create table presences (
    namespace  text        not null,
    session    text        not null,
    jid        text        not null,
    state      text        not null check (state in ('available', 'unavailable', 'composing', 'recording', 'paused')),
    last_seen  timestamptz,
    updated_at timestamptz not null,
    primary key (namespace, session, jid)
);
