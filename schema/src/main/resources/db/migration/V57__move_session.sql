-- Moves a session's rows to another namespace (and name): every table keyed by (namespace, session), the key store's
-- copy included, in one transaction, so that a WhatsAppSession applied under the new key finds its messages and
-- restores its device (docs/backup.md). For the database admin (the tables' owner) while the session is stopped:
--   select kubezap_move_session('shop', 'shop-eu', 'loja-01');
-- Rows other tables reference by (namespace, session, ...) are copied under the new key, the rows that reference them
-- then change their key in place, and the old copies go. The operator's own tables (session roles, kept data) are left
-- to it. Refused when the target already holds rows.
create function kubezap_move_session(from_namespace text, to_namespace text, from_session text,
                                     to_session text default null) returns void
    language plpgsql as $$
declare
    target_session text := coalesce(to_session, from_session);
    operators      text[] := array['session_roles', 'kept_session_data'];
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
end
$$;

revoke all on function kubezap_move_session(text, text, text, text) from public;
