-- Which pod of a session holds its WhatsApp key store (issue 50): a pod takes the lease as it starts, before it reads the
-- key store's copy and before it connects; each take raises the fencing token. A key store copy is written only by the
-- pod whose token is the current one (it reads the row for share in the same transaction), and a pod checks its token
-- before each connection: a pod that another one took over from (a node that comes back after its pod was replaced)
-- writes nothing and does not connect, so no two pods ever use the same device's keys (WhatsApp would log out both).
-- Row-level security and grants come from afterMigrate.sql like every table's.
create table key_store_leases (
    namespace text        not null,
    session   text        not null,
    holder    text        not null,
    token     bigint      not null,
    taken_at  timestamptz not null,
    primary key (namespace, session)
);
