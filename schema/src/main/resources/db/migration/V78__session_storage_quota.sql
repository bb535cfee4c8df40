-- Issue 51, item 5: one tenant's SQL against the shared server. A session role (the tenant holds its credentials) could
-- fill the shared disk with rows, and store one event or message so large that every gateway replica loads it whole.
--
-- Storage: each session's bytes are counted in session_storage, one row per session (never one row for everyone: a
-- session's writes wait only on its own counter), by a trigger on every table (afterMigrate.sql applies
-- kubezap_account_storage() to every session table, later ones too). The trigger is security definer: the session role
-- may read its own counter and change nothing in it. A row is counted by the length of its text form (what a reader
-- loads, never the compressed size). Once a session role's insert or update would take its session past quota_bytes
-- (set by the operator per session, none when null), it is refused with SQLSTATE KZ001; an update may go a tenth of the
-- quota (at least 1 MiB) beyond it, so a send or delivery under way still records its outcome; deleting and shrinking
-- are always allowed. Rows written before this migration are not counted (no backfill may scan the tables of a live
-- fleet); the counter never goes below 0.
--
-- Row size: an event's payload and a message's text are at most 1 MiB each (SQLSTATE 23514, the constraint's name says
-- which), added not valid: enforced for every new row without scanning the existing ones.
--
-- Compatible with the previous release: its pods insert no row near these limits, and read nothing new.
create table session_storage (
    namespace   text   not null,
    session     text   not null,
    bytes       bigint not null default 0,
    quota_bytes bigint,
    primary key (namespace, session)
);

create function kubezap_account_storage() returns trigger
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
    added     bigint := case when tg_op = 'DELETE' then 0 else octet_length(new::text) end;
    removed   bigint := case when tg_op = 'INSERT' then 0 else octet_length(old::text) end;
    delta     bigint := added - removed;
    owner_row record := case when tg_op = 'DELETE' then old else new end;
    used      bigint;
    quota     bigint;
    tenant    boolean;
begin
    -- a row moved to another session (kubezap_move_session, an admin's) leaves the old counter and joins the new one
    if tg_op = 'UPDATE' and (old.namespace, old.session) is distinct from (new.namespace, new.session) then
        execute format('update %I.session_storage set bytes = greatest(0, bytes - $3) where namespace = $1 and session = $2',
                       tg_table_schema) using old.namespace, old.session, removed;
        delta := added;
    end if;
    execute format('insert into %I.session_storage as s (namespace, session, bytes) values ($1, $2, greatest($3, 0))'
                       || ' on conflict (namespace, session) do update set bytes = greatest(0, s.bytes + $3)'
                       || ' returning s.bytes, s.quota_bytes', tg_table_schema)
        into used, quota using owner_row.namespace, owner_row.session, delta;
    -- an update (a message's status, a delivery's attempt) gets a tenth of the quota beyond it, at least 1 MiB: work
    -- under way when the quota is reached still finishes, and a row grown by updates still meets a ceiling
    if delta <= 0 or quota is null or used <= quota
       or (tg_op = 'UPDATE' and used <= quota + greatest(quota / 10, 1048576)) then
        return owner_row;
    end if;
    execute format('select exists (select from %I.session_roles where role_name = $1)', tg_table_schema)
        into tenant using session_user;
    if tenant then
        raise exception 'storage quota of session %/% exceeded: % bytes of %', owner_row.namespace, owner_row.session,
            used, quota using errcode = 'KZ001',
            hint = 'delete rows (retention) or ask the cluster admin to raise the session''s database quota';
    end if;
    return owner_row;
end
$$;
revoke all on function kubezap_account_storage() from public;

alter table events add constraint events_payload_at_most_1_mib check (octet_length(payload::text) <= 1048576) not valid;
alter table messages add constraint messages_text_at_most_1_mib check (octet_length(text) <= 1048576) not valid;

-- Moving a session (V57) moves its rows, and the trigger above moves their bytes to the new session's counter as it
-- goes: the counter itself is not moved with them (it would meet the one the moved rows made), the old one is dropped.
-- As V57 otherwise, with session_storage among the tables it leaves alone.
create or replace function kubezap_move_session(from_namespace text, to_namespace text, from_session text,
                                                to_session text default null) returns void
    language plpgsql as $$
declare
    target_session text := coalesce(to_session, from_session);
    operators      text[] := array['session_roles', 'kept_session_data', 'session_storage'];
    referenced     text[];
    keyed          text[];
    t              text;
    taken          boolean;
begin
    if (from_namespace, from_session) = (to_namespace, target_session) then
        raise exception 'the session % of namespace % would move onto itself', from_session, from_namespace;
    end if;
    select array_agg(c.table_name::text order by c.table_name) into keyed
    from information_schema.columns c
             join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
    where c.table_schema = current_schema() and tb.table_type = 'BASE TABLE' and c.column_name = 'session'
      and c.table_name <> all (operators);
    select coalesce(array_agg(distinct target.relname::text), '{}') into referenced
    from pg_constraint fk
             join pg_class target on target.oid = fk.confrelid
             join pg_namespace n on n.oid = target.relnamespace
    where fk.contype = 'f' and n.nspname = current_schema()
      and exists (select from pg_attribute a where a.attrelid = fk.confrelid and a.attnum = any (fk.confkey)
                                              and a.attname = 'namespace');
    foreach t in array keyed loop
        execute format('select exists (select from %I where namespace = $1 and session = $2)', t)
            into taken using to_namespace, target_session;
        if taken then
            raise exception 'table % already holds rows of session % in namespace %', t, target_session, to_namespace;
        end if;
    end loop;
    foreach t in array referenced loop
        execute format('insert into %I select (jsonb_populate_record(r, jsonb_build_object(''namespace'', $3, ''session'', $4))).*'
                           || ' from %I r where namespace = $1 and session = $2', t, t)
            using from_namespace, from_session, to_namespace, target_session;
    end loop;
    foreach t in array keyed loop
        if t <> all (referenced) then
            execute format('update %I set namespace = $3, session = $4 where namespace = $1 and session = $2', t)
                using from_namespace, from_session, to_namespace, target_session;
        end if;
    end loop;
    foreach t in array referenced loop
        execute format('delete from %I where namespace = $1 and session = $2', t) using from_namespace, from_session;
    end loop;
    delete from session_storage where namespace = from_namespace and session = from_session;
end
$$;

revoke all on function kubezap_move_session(text, text, text, text) from public;
