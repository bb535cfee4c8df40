-- Runs after every migration run (Flyway callback), so tables added by any later migration are covered:
-- every table is keyed by (namespace, session), has row-level security enabled and forced, a policy that gives
-- a session role only its own rows, and one that gives the table's owner (the migrating admin) every row.
-- A table without (namespace, session) columns stops the migration run: it could not be isolated. Only
-- notification_channels (V84: the channels' secret names) is no session's: no session role is granted it.
do $$
declare
    t record;
    fed record;
begin
    execute format('grant usage on schema %I to kubezap_session', current_schema());
    execute format('grant select on %I to kubezap_session', 'flyway_schema_history');
    for t in
        select c.relname as name, pg_get_userbyid(c.relowner) as owner
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname not in ('flyway_schema_history', 'notification_channels')
    loop
        if (select count(*) from information_schema.columns
            where table_schema = current_schema() and table_name = t.name
              and column_name in ('namespace', 'session')) <> 2 then
            raise exception 'table % has no (namespace, session) columns: every kubezap table is keyed by session so that row-level security can keep tenants apart', t.name;
        end if;
        execute format('alter table %I enable row level security', t.name);
        execute format('alter table %I force row level security', t.name);
        if not exists (select from pg_policies
                       where schemaname = current_schema() and tablename = t.name and policyname = 'kubezap_owner') then
            execute format('create policy kubezap_owner on %I to %I using (true) with check (true)', t.name, t.owner);
        end if;
        if t.name <> 'session_roles' then
            if not exists (select from pg_policies
                           where schemaname = current_schema() and tablename = t.name and policyname = 'kubezap_tenant') then
                execute format('create policy kubezap_tenant on %I to kubezap_session'
                    || ' using ((namespace, session) = (select r.namespace, r.session from session_roles r where r.role_name = current_user))'
                    || ' with check ((namespace, session) = (select r.namespace, r.session from session_roles r where r.role_name = current_user))',
                    t.name);
            end if;
            if t.name = 'session_storage' then
                -- a session reads what it used and its quota; only the accounting trigger (V78) writes here
                execute format('grant select on %I to kubezap_session', t.name);
                execute format('revoke insert, update, delete, truncate on %I from kubezap_session', t.name);
            else
                execute format('grant select, insert, update, delete on %I to kubezap_session', t.name);
                -- every row a session writes is counted against its storage quota (V78)
                if to_regprocedure('kubezap_account_storage()') is not null
                   and not exists (select from pg_trigger g join pg_class c on c.oid = g.tgrelid
                                   join pg_namespace n on n.oid = c.relnamespace
                                   where n.nspname = current_schema() and c.relname = t.name
                                     and g.tgname = 'kubezap_storage') then
                    execute format('create trigger kubezap_storage before insert or update or delete on %I'
                        || ' for each row execute function kubezap_account_storage()', t.name);
                end if;
            end if;
        end if;
    end loop;
    -- ids come from the database alone (V75): no sequence-fed column has a default a session evaluates, each has the
    -- trigger that draws its values, and no session role may read or advance a sequence
    for fed in
        select fed_table.oid::regclass as target, a.attname as name, a.attidentity <> '' as identity
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
        perform kubezap_database_assigns_ids(fed.target, fed.name);
    end loop;
    execute format('revoke all on all sequences in schema %I from kubezap_session', current_schema());
end
$$;
