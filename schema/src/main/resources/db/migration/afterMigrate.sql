-- Runs after every migration run (Flyway callback), so tables added by any later migration are covered:
-- every table is keyed by (namespace, session), has row-level security enabled and forced, a policy that gives
-- a session role only its own rows, and one that gives the table's owner (the migrating admin) every row.
-- A table without (namespace, session) columns stops the migration run: it could not be isolated. Only
-- notification_channels (V84: the channels' secret names) and the operator's namespace_roles and session_tokens (V90)
-- are no session's: no session role is granted them. The tenant policy names the caller's session through
-- kubezap_current_session() (V90: a token bound to its namespace's role, or a role of its own); a policy of the form
-- before (a lookup in session_roles) is altered to it, under the same plan as every other change.
--
-- It runs while every tenant writes (issue 71, item 1), so it blocks no one:
-- - it first reads the catalogue (pg_class, pg_policies, pg_trigger, the ACLs) and applies only what differs from
--   what is wanted: a migrate with nothing to apply changes nothing and takes no table lock;
-- - each change runs in a transaction of its own (afterMigrate.sql.conf: executeInTransaction=false, the block
--   commits), never holding one table's lock while it waits for another's;
-- - a change that needs a table's lock takes it with NOWAIT first (it never queues ahead of the tenants' writes,
--   which would wait behind it), under a short lock_timeout for the other locks it takes; when the lock is held (an
--   open tenant transaction, a pg_dump) it tries again after a pause, up to kubezap.migrate_lock_attempts times
--   (10 unless the connection sets it), then stops the run with an error that says so: the next migrate completes it.
do $$
declare
    t record;
    fed record;
    changes jsonb := '[]';
    change jsonb;
    attempts int := coalesce(nullif(current_setting('kubezap.migrate_lock_attempts', true), ''), '10')::int;
    attempt int;
    applied boolean;
    holders text;
    tenant_qual text;
    own_session text := case when to_regprocedure('kubezap_current_session()') is null
        then '((namespace, session) = (select r.namespace, r.session from session_roles r where r.role_name = current_user))'
        else '((namespace, session) = (select c.namespace, c.session from kubezap_current_session() c))' end;
begin
    if not exists (select from pg_namespace n, aclexplode(n.nspacl) a
                   where n.nspname = current_schema() and a.grantee = 'kubezap_session'::regrole and a.privilege_type = 'USAGE') then
        changes := changes || jsonb_build_object('statement', format('grant usage on schema %I to kubezap_session', current_schema()));
    end if;
    for t in
        select c.oid, c.relname as name, pg_get_userbyid(c.relowner) as owner, c.relrowsecurity, c.relforcerowsecurity,
               array(select a.privilege_type from aclexplode(c.relacl) a
                     where a.grantee = 'kubezap_session'::regrole) as granted
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname not in ('notification_channels', 'namespace_roles', 'session_tokens')
        order by c.relname
    loop
        if t.name = 'flyway_schema_history' then
            if not 'SELECT' = any (t.granted) then
                changes := changes || jsonb_build_object('statement', format('grant select on %I to kubezap_session', t.name));
            end if;
            continue;
        end if;
        if (select count(*) from information_schema.columns
            where table_schema = current_schema() and table_name = t.name
              and column_name in ('namespace', 'session')) <> 2 then
            raise exception 'table % has no (namespace, session) columns: every kubezap table is keyed by session so that row-level security can keep tenants apart', t.name;
        end if;
        if not t.relrowsecurity then
            changes := changes || jsonb_build_object('target', t.name, 'lock', 'access exclusive',
                'statement', format('alter table %I enable row level security', t.name));
        end if;
        if not t.relforcerowsecurity then
            changes := changes || jsonb_build_object('target', t.name, 'lock', 'access exclusive',
                'statement', format('alter table %I force row level security', t.name));
        end if;
        if not exists (select from pg_policies
                       where schemaname = current_schema() and tablename = t.name and policyname = 'kubezap_owner') then
            changes := changes || jsonb_build_object('target', t.name, 'lock', 'access exclusive',
                'statement', format('create policy kubezap_owner on %I to %I using (true) with check (true)', t.name, t.owner));
        end if;
        continue when t.name = 'session_roles';
        select p.qual into tenant_qual from pg_policies p
        where p.schemaname = current_schema() and p.tablename = t.name and p.policyname = 'kubezap_tenant';
        if not found then
            changes := changes || jsonb_build_object('target', t.name, 'lock', 'access exclusive',
                'statement', format('create policy kubezap_tenant on %I to kubezap_session using %s with check %s',
                t.name, own_session, own_session));
        elsif position('kubezap_current_session' in tenant_qual) = 0 and to_regprocedure('kubezap_current_session()') is not null then
            changes := changes || jsonb_build_object('target', t.name, 'lock', 'access exclusive',
                'statement', format('alter policy kubezap_tenant on %I to kubezap_session using %s with check %s',
                t.name, own_session, own_session));
        end if;
        if t.name = 'session_storage' then
            -- a session reads what it used and its quota; only the accounting trigger (V78) writes here
            if not 'SELECT' = any (t.granted) then
                changes := changes || jsonb_build_object('statement', format('grant select on %I to kubezap_session', t.name));
            end if;
            if t.granted && array['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'] then
                changes := changes || jsonb_build_object('statement', format('revoke insert, update, delete, truncate on %I from kubezap_session', t.name));
            end if;
            continue;
        end if;
        -- every row a session writes is counted against its storage quota (V78)
        if to_regprocedure('kubezap_account_storage()') is not null
           and not exists (select from pg_trigger g where g.tgrelid = t.oid and g.tgname = 'kubezap_storage') then
            changes := changes || jsonb_build_object('target', t.name, 'lock', 'share row exclusive',
                'statement', format('create trigger kubezap_storage before insert or update or delete on %I'
                || ' for each row execute function kubezap_account_storage()', t.name));
        end if;
        if not t.granted @> array['SELECT', 'INSERT', 'UPDATE', 'DELETE'] then
            changes := changes || jsonb_build_object('statement', format('grant select, insert, update, delete on %I to kubezap_session', t.name));
        end if;
    end loop;
    -- ids come from the database alone (V75): no sequence-fed column has a default a session evaluates, each has the
    -- trigger that draws its values, and no session role may read or advance a sequence
    for fed in
        select fed_table.oid::regclass as target, fed_table.relname as table_name, a.attname as name,
               a.attidentity <> '' as identity, a.atthasdef as has_default
        from pg_depend d
                 join pg_class s on s.oid = d.objid and s.relkind = 'S'
                 join pg_class fed_table on fed_table.oid = d.refobjid
                 join pg_attribute a on a.attrelid = fed_table.oid and a.attnum = d.refobjsubid
                 join pg_namespace n on n.oid = fed_table.relnamespace
        where n.nspname = current_schema() and d.deptype in ('a', 'i')
    loop
        if fed.identity then
            raise exception 'column %.% is an identity column: any role that may insert chooses its values (overriding system value); use bigserial, whose values afterMigrate.sql has the database assign', fed.target, fed.name;
        end if;
        if fed.has_default
           or not exists (select from pg_trigger g where g.tgrelid = fed.target and g.tgname = 'kubezap_ids_' || fed.name)
           or to_regprocedure(quote_ident(format('kubezap_ids_%s_%s', fed.table_name, fed.name)) || '()') is null then
            changes := changes || jsonb_build_object('target', fed.table_name, 'lock', 'access exclusive',
                'statement', format('select kubezap_database_assigns_ids(%L::regclass, %L)', fed.target, fed.name));
        end if;
    end loop;
    if exists (select from pg_class s join pg_namespace n on n.oid = s.relnamespace, aclexplode(s.relacl) a
               where n.nspname = current_schema() and s.relkind = 'S' and a.grantee = 'kubezap_session'::regrole) then
        changes := changes || jsonb_build_object('statement', format('revoke all on all sequences in schema %I from kubezap_session', current_schema()));
    end if;

    for change in select value from jsonb_array_elements(changes) loop
        attempt := 0;
        loop
            attempt := attempt + 1;
            begin
                perform set_config('lock_timeout', '2s', true);
                if change ? 'lock' then
                    execute format('lock table %I in %s mode nowait', change ->> 'target', change ->> 'lock');
                end if;
                execute change ->> 'statement';
                applied := true;
            exception when lock_not_available then
                applied := false;
            end;
            commit;
            exit when applied;
            if attempt >= attempts then
                select string_agg(distinct format('pid %s (%s)', l.pid, a.usename), ', ') into holders
                from pg_locks l join pg_stat_activity a on a.pid = l.pid
                where l.relation = to_regclass(change ->> 'target') and l.granted;
                raise exception 'afterMigrate.sql: "%" not applied: table % stayed locked (by %) through % attempts; no one waited for it, run the migration again',
                    change ->> 'statement', change ->> 'target', coalesce(holders, 'nobody now'), attempts
                    using errcode = 'lock_not_available';
            end if;
            perform pg_sleep(least(attempt, 5));
            commit;
        end loop;
    end loop;
end
$$;
