-- Issue 82, docs/decisions/0020 "What a tenant cannot change for all": tenants' SQL runs as kubezap_pooled behind the
-- pooler, and PostgreSQL lets a role set its own defaults (ALTER ROLE kubezap_pooled [IN DATABASE …] SET …), which every
-- later server login of the pooler would start with, for every namespace. The pooler's connect query
-- (SessionSchema.POOLED_CONNECT_QUERY) puts the role's defaults back before a new server connection serves anyone and
-- refuses a connection that started with others; the operator's guard puts them back too (and says so).
set local lock_timeout = '5s';

do $$
declare
    here text := quote_ident(current_schema());
begin
    -- the role's only defaults, written as PostgreSQL shows them (current_setting), so a login's can be compared
    execute replace($f$
        create or replace function kubezap_pooled_defaults() returns table (name text, setting text)
            language sql immutable set search_path = pg_catalog, pg_temp as
        $body$
            values ('idle_in_transaction_session_timeout', '1min'), ('lock_timeout', '10s'), ('statement_timeout', '30s')
        $body$
        $f$, '@schema', here);
    -- true when it had to put them back. Security definer: the owner (the admin) may alter the role whatever a
    -- tenant made the connection's current role.
    execute replace($f$
        create or replace function kubezap_pooled_restore_defaults() returns boolean
            language plpgsql security definer set search_path = pg_catalog, @schema, pg_temp as
        $body$
        declare
            setting record;
        begin
            if (select coalesce(array_agg(s order by s), '{}') from pg_db_role_setting r, unnest(r.setconfig) s
                where r.setrole = 'kubezap_pooled'::regrole and r.setdatabase = 0)
               = (select array_agg(d.name || '=' || d.setting order by d.name || '=' || d.setting) from @schema.kubezap_pooled_defaults() d)
               and not exists (select from pg_db_role_setting r where r.setrole = 'kubezap_pooled'::regrole and r.setdatabase <> 0) then
                return false;
            end if;
            for setting in select d.datname from pg_db_role_setting r join pg_database d on d.oid = r.setdatabase
                           where r.setrole = 'kubezap_pooled'::regrole loop
                execute format('alter role kubezap_pooled in database %I reset all', setting.datname);
            end loop;
            alter role kubezap_pooled reset all;
            for setting in select * from @schema.kubezap_pooled_defaults() loop
                execute format('alter role kubezap_pooled set %I = %L', setting.name, setting.setting);
            end loop;
            return true;
        end
        $body$
        $f$, '@schema', here);
    -- refuses a connection of kubezap_pooled whose defaults, as it logged in, were not the role's own
    execute replace($f$
        create or replace function kubezap_pooled_check_login() returns void
            language plpgsql stable set search_path = pg_catalog, @schema, pg_temp as
        $body$
        begin
            if session_user = 'kubezap_pooled' and exists (
                (select s.name, current_setting(s.name) from pg_settings s where s.source in ('user', 'database user')
                 except select d.name, d.setting from @schema.kubezap_pooled_defaults() d)
                union all
                (select d.name, d.setting from @schema.kubezap_pooled_defaults() d
                 except select s.name, current_setting(s.name) from pg_settings s where s.source in ('user', 'database user'))) then
                raise exception 'this connection of kubezap_pooled started with defaults a tenant set; they are reset: log in again'
                    using errcode = '42501';
            end if;
        end
        $body$
        $f$, '@schema', here);
end
$$;
revoke all on function kubezap_pooled_restore_defaults() from public;
revoke all on function kubezap_pooled_check_login() from public;
grant execute on function kubezap_pooled_restore_defaults() to kubezap_pooled;
grant execute on function kubezap_pooled_check_login() to kubezap_pooled;
select kubezap_pooled_restore_defaults();
