-- The WhatsApp Web version each session last logged in with: what its pod announces when it cannot learn the current
-- one from web.whatsapp.com (before falling back to the version pinned in its release).
create table web_versions (
    namespace text        not null,
    session   text        not null,
    version   text        not null check (version ~ '^[0-9]+(\.[0-9]+){1,4}$'),
    worked_at timestamptz not null,
    primary key (namespace, session)
);
