-- Issue 82: server connections any namespace's transaction can use without a login (docs/decisions/0020). A pooler
-- logs every namespace's clients in to the server as one role, kubezap_pooled (PgBouncer's forced server user), after
-- checking the namespace's own password (auth_query). Behind that role the token alone names the session: the server no
-- longer sees the namespace, so a token counts under kubezap_pooled for its own (namespace, session) and nothing else.
-- Under a namespace's own login (direct connections) a token still counts only for that namespace (V90).
-- The role is made here without LOGIN; the operator gives it LOGIN and the pooler's password. It gets the tenant's
-- timeouts, so that a transaction held open frees its server connection.
set local lock_timeout = '5s';

do $$
begin
    if not exists (select from pg_roles where rolname = 'kubezap_pooled') then
        create role kubezap_pooled nologin in role kubezap_session;
    end if;
    alter role kubezap_pooled set statement_timeout = '30s';
    alter role kubezap_pooled set lock_timeout = '10s';
    alter role kubezap_pooled set idle_in_transaction_session_timeout = '60s';
end
$$;

do $$
declare
    here text := quote_ident(current_schema());
begin
    execute replace($f$
        create or replace function kubezap_current_session() returns table (namespace text, session text)
            language plpgsql stable security definer set search_path = pg_catalog, @schema, pg_temp as
        $body$
        #variable_conflict use_column
        begin
            return query
                select t.for_namespace, t.for_session
                from @schema.session_tokens t join @schema.namespace_roles n on n.for_namespace = t.for_namespace
                where t.token_hash = sha256(convert_to(nullif(current_setting('kubezap.token', true), ''), 'UTF8'))
                  and (n.role_name = session_user or session_user = 'kubezap_pooled')
                union all
                select r.namespace, r.session from @schema.session_roles r where r.role_name = session_user
                limit 1;
        end
        $body$
        $f$, '@schema', here);
    -- the tenant logins: whose writes the storage quota refuses past it and who may tell of its own session only
    execute replace($f$
        create or replace function kubezap_is_tenant_login(login name) returns boolean
            language sql stable security definer set search_path = pg_catalog, @schema, pg_temp as
        $body$
            select login = 'kubezap_pooled'
                or exists (select from @schema.session_roles r where r.role_name = login)
                or exists (select from @schema.namespace_roles n where n.role_name = login)
        $body$
        $f$, '@schema', here);
    execute replace($f$
        create or replace function kubezap_notify_state_change(namespace text, session text) returns void
            language plpgsql security definer set search_path = pg_catalog, @schema, pg_temp as
        $body$
        begin
            if @schema.kubezap_is_tenant_login(session_user)
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
revoke all on function kubezap_is_tenant_login(name) from public;

-- The storage quota (V78, V90) refuses a tenant's write past it: behind the pooler too. Restated from V90 but for that check.
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
    execute format('select %I.kubezap_is_tenant_login($1)', tg_table_schema) into tenant using session_user;
    if tenant then
        raise exception 'storage quota of session %/% exceeded: % bytes of %', owner_row.namespace, owner_row.session,
            used, quota using errcode = 'KZ001',
            hint = 'delete rows (retention) or ask the cluster admin to raise the session''s database quota';
    end if;
    return owner_row;
end
$$;
revoke all on function kubezap_account_storage() from public;
