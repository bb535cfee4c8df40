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
