-- The tenant checks, the same rules at a lower cost (issue 71 item 5). EXPLAIN ANALYZE of a received text's statements
-- under a namespace's role (FleetBurstBenchmark's "tokens" variant) found PostgreSQL spending more on the checks than on
-- the writes: kubezap_current_session() 0.11–0.17 ms in every statement (a SQL function that cannot be inlined is
-- planned again at each call), and the key store's fence 0.42 ms for every row written (a dynamic query, planned each
-- time, and the lease locked again). Now the caller's session is read by PL/pgSQL, whose plan the connection keeps, and
-- the fence checks the lease once per transaction and session: the first row takes the lease's share lock, which holds
-- until the transaction ends (a take must wait for it), so later rows presenting the same token need not look again.
-- A savepoint rolled back drops the lock and the mark together. Compatible with the previous release: the functions keep
-- their names, signatures and answers.
set local lock_timeout = '5s';

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
                  and n.role_name = session_user
                union all
                select r.namespace, r.session from @schema.session_roles r where r.role_name = session_user
                limit 1;
        end
        $body$
        $f$, '@schema', here);
    execute replace($f$
        create or replace function kubezap_key_store_fence() returns trigger
            language plpgsql set search_path = pg_catalog, @schema, pg_temp as
        $body$
        declare
            owner_row record := case when tg_op = 'DELETE' then old else new end;
            presented text := nullif(current_setting('kubezap.key_store_token', true), '');
            checked   text;
            holds     bigint;
        begin
            checked := owner_row.namespace || '/' || owner_row.session || '/' || coalesce(presented, '');
            if presented is not null and current_setting('kubezap.key_store_fenced', true) = checked then
                return owner_row;
            end if;
            if current_user = (select pg_get_userbyid(c.relowner) from pg_class c where c.oid = tg_relid)
               or (select r.rolsuper from pg_roles r where r.rolname = current_user) then
                return owner_row;
            end if;
            select l.token into holds from @schema.key_store_leases l
                where l.namespace = owner_row.namespace and l.session = owner_row.session for share;
            if holds is null or presented is null or presented <> holds::text then
                raise exception 'the WhatsApp key store of session %/% is held by fencing token %, this write presents %',
                    owner_row.namespace, owner_row.session, holds, coalesce(presented, 'none') using errcode = 'KZ002',
                    hint = 'another pod took the session over: this pod must not write its keys nor connect';
            end if;
            perform set_config('kubezap.key_store_fenced', checked, true);
            return owner_row;
        end
        $body$
        $f$, '@schema', here);
end
$$;
