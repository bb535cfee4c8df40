-- What only the server's superuser may do, run once as it in kubezap's database when the server is made: the bundled
-- PostgreSQL's /docker-entrypoint-initdb.d, CloudNativePG's postInitApplicationSQL; by hand on an external server
-- (docs/database.md, "External PostgreSQL"). The database's owner is the operator's admin. Why: docs/security.md.
do $$
declare
    owner name := (select pg_get_userbyid(d.datdba) from pg_database d where d.datname = current_database());
    f regprocedure;
    other name;
begin
    -- issue 68: PUBLIC, and so every tenant's role, loses what the owner's migrations V84 and V85 cannot revoke when
    -- the owner is not a superuser (pg_notify, large objects, WAL messages, advisory locks); the owner keeps pg_notify
    -- (the events trigger notifies as it) and the advisory locks (the migrations' own)
    for f in
        select p.oid::regprocedure from pg_proc p
        where p.pronamespace = 'pg_catalog'::regnamespace
          and (p.proname like 'lo\_%' or p.proname in ('loread', 'lowrite', 'pg_logical_emit_message', 'pg_notify')
               or p.proname like 'pg\_advisory\_%' or p.proname like 'pg\_try\_advisory\_%')
    loop
        execute format('revoke execute on function %s from public', f);
        if f::text like 'pg\_notify%' or f::text like '%advisory%' then
            execute format('grant execute on function %s to %I', f, owner);
        end if;
    end loop;
    -- issue 79, S3: the owner sets each namespace role's temp_file_limit and log_parameter_max_length (the operator's
    -- NamespaceRoles), both superuser-only parameters
    begin
        execute format('grant set on parameter temp_file_limit, log_parameter_max_length to %I', owner);
    exception when syntax_error then
        null; -- before PostgreSQL 15 only a superuser may
    end;
    -- issue 79, S1: a tenant's role logs in to this database only. CONNECT and TEMP on every other one (postgres,
    -- template1) are PUBLIC's by default, and there no quota, revoke or row-level security of kubezap's applies
    for other in select d.datname from pg_database d where d.datname <> current_database() loop
        execute format('revoke connect, temporary on database %I from public', other);
    end loop;
end
$$;
