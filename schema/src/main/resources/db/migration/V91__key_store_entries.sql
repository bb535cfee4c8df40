-- Issue 71, item 3: in storage mode Database the WhatsApp key store is kept as rows, one per top-level entry of its
-- files (a Signal session, a pre-key, a sender key, an app-state key or hash state, each scalar of the account), so
-- that a message writes the few entries it changed instead of the whole 30-130 KB copy (key_store_mirrors, which
-- storage mode Volume keeps using, and which a start in mode Database still reads while no row exists: the upgrade).
-- An entry is named by the SHA-256 of its bytes: a changed entry is a deleted row and an inserted one, never an update.
-- `value` is opaque to the database.
--
-- Fenced by the database itself: a session's write is accepted only inside a transaction that presents the current
-- fencing token of key_store_leases (V77) as `kubezap.key_store_token`; a pod that another pod took the session over
-- from is refused with SQLSTATE KZ002 even if it skips its own check. The table's owner (the migrating admin: moving
-- or deleting a session) and superusers are not fenced. Row-level security, grants and the storage trigger come from
-- afterMigrate.sql like every table's. Compatible with the previous release: a new table it does not know.
set local lock_timeout = '5s';

create table key_store_entries (
    namespace  text        not null,
    session    text        not null,
    device     uuid        not null,
    file       text        not null,
    entry      text        not null,
    position   bigint      not null,
    value      bytea       not null,
    written_at timestamptz not null,
    primary key (namespace, session, file, entry)
);

create function kubezap_key_store_fence() returns trigger
    language plpgsql set search_path = pg_catalog, pg_temp as $$
declare
    owner_row record := case when tg_op = 'DELETE' then old else new end;
    presented text := nullif(current_setting('kubezap.key_store_token', true), '');
    holds     bigint;
begin
    if current_user = (select pg_get_userbyid(c.relowner) from pg_class c where c.oid = tg_relid)
       or (select r.rolsuper from pg_roles r where r.rolname = current_user) then
        return owner_row;
    end if;
    execute format('select token from %I.key_store_leases where namespace = $1 and session = $2 for share',
                   tg_table_schema) into holds using owner_row.namespace, owner_row.session;
    if holds is null or presented is null or presented <> holds::text then
        raise exception 'the WhatsApp key store of session %/% is held by fencing token %, this write presents %',
            owner_row.namespace, owner_row.session, holds, coalesce(presented, 'none') using errcode = 'KZ002',
            hint = 'another pod took the session over: this pod must not write its keys nor connect';
    end if;
    return owner_row;
end
$$;
revoke all on function kubezap_key_store_fence() from public;

create trigger kubezap_key_store_fence before insert or update or delete on key_store_entries
    for each row execute function kubezap_key_store_fence();
