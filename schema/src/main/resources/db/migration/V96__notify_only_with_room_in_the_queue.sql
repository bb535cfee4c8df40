-- Issue 79, N2 follow-up: PostgreSQL's NOTIFY queue is one per server, and a NOTIFY that finds it full fails its
-- transaction at commit. A tenant (its role may still LISTEN and run the NOTIFY statement, which cannot be revoked)
-- can fill it behind a listener that never reads; then every event insert, whose trigger notifies, failed until the
-- operator's connection guard ended that listener. Now the sessions' own notices are sent only while the queue is less
-- than half full: past that the insert commits without its notice (the gateway's feed then catches up from the table
-- every second, EventFeed), so other tenants' writes do not rest on the guard running. Half leaves 4 GiB of PostgreSQL's
-- 8 GiB queue between the check and the commit.
-- At most 5 s waiting for a lock, so a busy fleet's writes never queue behind this migration (MigrationsDoNotBlockTheFleetTest).
set local lock_timeout = '5s';
do $$
declare
    here text := quote_ident(current_schema());
begin
    execute replace($f$
        create or replace function kubezap_notify_event() returns trigger
            language plpgsql security definer set search_path = pg_catalog, @schema, pg_temp as
        $body$
        begin
            if pg_notification_queue_usage() < 0.5 then
                perform pg_notify(@schema.kubezap_notification_channel('kubezap_events'), new.id::text);
            end if;
            return null;
        end
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
            if pg_notification_queue_usage() < 0.5 then
                perform pg_notify(@schema.kubezap_notification_channel('kubezap_session_state'), $1 || '/' || $2);
            end if;
        end
        $body$
        $f$, '@schema', here);
end
$$;
