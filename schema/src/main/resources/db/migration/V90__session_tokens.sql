-- Issue 71, item 2: a session's identity that pools (docs/decisions/0017). Session pods log in with one role per
-- tenant namespace (the operator's, with a connection limit), and name their session per transaction with a random
-- 256-bit token: `select set_config('kubezap.token', $1, true)` first in every transaction. The policies
-- (afterMigrate.sql) read the caller's session through kubezap_current_session(), which maps the SHA-256 of the
-- presented token to its (namespace, session) and accepts it only from that namespace's login role (session_user).
-- A role per session (V20, session_roles) still maps to its session without a token: the release before runs so.
--
-- The tables below are the operator's (admin-owned, row-level security forced, no policy and no grant for any
-- tenant): a tenant can neither read another's token hash nor add a mapping. Their columns are not named
-- (namespace, session), so the catalogue walks over session tables (kubezap_move_session, the operator's data
-- deletion, afterMigrate.sql) leave them alone; the operator removes a session's token with its role.
-- Why SHA-256 and not a password hash: the token is 256 random bits, not a choice a person could guess; a slow hash
-- guards guessable secrets and would cost every transaction its time. Nothing but the hash is stored.
set local lock_timeout = '5s';

create table namespace_roles (
    role_name       text        primary key,
    for_namespace   text        not null unique,
    -- SHA-256 of the password the operator last set (random, 192 bits): a restarted operator finds the role already
    -- logging in with its Secrets' password and sets no new verifier (issue 71: a fresh SCRAM salt at every operator
    -- start broke every PgBouncer login)
    password_sha256 bytea       not null,
    created_at      timestamptz not null default now()
);
create table session_tokens (
    token_hash    bytea       primary key,
    for_namespace text        not null references namespace_roles (for_namespace) on delete cascade,
    for_session   text        not null,
    created_at    timestamptz not null default now(),
    unique (for_namespace, for_session)
);
alter table namespace_roles enable row level security;
alter table namespace_roles force row level security;
alter table session_tokens enable row level security;
alter table session_tokens force row level security;
do $$
begin
    execute format('create policy kubezap_owner on namespace_roles to %I using (true) with check (true)', current_user);
    execute format('create policy kubezap_owner on session_tokens to %I using (true) with check (true)', current_user);
end
$$;
revoke all on namespace_roles, session_tokens from public;

-- The caller's session: by its token (bound to its namespace's login role), or by its own login role (V20). STABLE:
-- evaluated once per statement; security definer so that it reads the tables no tenant may; search_path pinned so
-- that no object a caller names can stand in for the ones it reads.
do $$
declare
    here text := quote_ident(current_schema());
begin
    execute replace($f$
        create function kubezap_current_session() returns table (namespace text, session text)
            language sql stable security definer set search_path = pg_catalog, @schema, pg_temp as
        $body$
            select t.for_namespace, t.for_session
            from @schema.session_tokens t join @schema.namespace_roles n on n.for_namespace = t.for_namespace
            where t.token_hash = sha256(convert_to(nullif(current_setting('kubezap.token', true), ''), 'UTF8'))
              and n.role_name = session_user
            union all
            select r.namespace, r.session from @schema.session_roles r where r.role_name = session_user
            limit 1
        $body$
        $f$, '@schema', here);
    -- a session pod tells of its own session's state only (V84), now also when it names its session by token
    execute replace($f$
        create or replace function kubezap_notify_state_change(namespace text, session text) returns void
            language plpgsql security definer set search_path = pg_catalog, @schema, pg_temp as
        $body$
        begin
            if (exists (select from @schema.session_roles r where r.role_name = session_user)
                or exists (select from @schema.namespace_roles n where n.role_name = session_user))
               and not exists (select from @schema.kubezap_current_session() c where (c.namespace, c.session) = ($1, $2)) then
                raise exception 'role % tells of its own session''s state changes only', session_user
                    using errcode = '42501';
            end if;
            perform pg_notify(@schema.kubezap_notification_channel('kubezap_session_state'), $1 || '/' || $2);
        end
        $body$
        $f$, '@schema', here);
end
$$;
revoke all on function kubezap_current_session() from public;
grant execute on function kubezap_current_session() to kubezap_session;

-- The storage quota (V78) refuses a tenant's write past it: a namespace role is a tenant as a session role is.
-- Restated from V78 but for that check.
create or replace function kubezap_account_storage() returns trigger
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
    if tg_op = 'UPDATE' and (old.namespace, old.session) is distinct from (new.namespace, new.session) then
        execute format('update %I.session_storage set bytes = greatest(0, bytes - $3) where namespace = $1 and session = $2',
                       tg_table_schema) using old.namespace, old.session, removed;
        delta := added;
    end if;
    execute format('insert into %I.session_storage as s (namespace, session, bytes) values ($1, $2, greatest($3, 0))'
                       || ' on conflict (namespace, session) do update set bytes = greatest(0, s.bytes + $3)'
                       || ' returning s.bytes, s.quota_bytes', tg_table_schema)
        into used, quota using owner_row.namespace, owner_row.session, delta;
    if delta <= 0 or quota is null or used <= quota
       or (tg_op = 'UPDATE' and used <= quota + greatest(quota / 10, 1048576)) then
        return owner_row;
    end if;
    execute format('select exists (select from %1$I.session_roles where role_name = $1)'
                       || ' or exists (select from %1$I.namespace_roles where role_name = $1)', tg_table_schema)
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
