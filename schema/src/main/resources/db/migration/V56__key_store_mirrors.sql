-- A copy of each session's WhatsApp key store (Cobalt's keys.proto and store.proto: the Signal identity, pre-keys,
-- sessions, sender keys, the companion's noise key and the account), written by the session pod a few seconds after
-- the same bytes reached its volume. A pod whose volume was lost restores the device from here and connects without
-- a QR; a database backup carries it. Row-level security and grants come from afterMigrate.sql like every table's;
-- the gateway's reader role is not granted it.
create table key_store_mirrors (
    namespace  text        not null,
    session    text        not null,
    device     uuid        not null,
    keys       bytea       not null,
    store      bytea       not null,
    written_at timestamptz not null,
    mirrored_at timestamptz not null,
    primary key (namespace, session)
);
