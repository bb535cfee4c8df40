-- Issue 68, item 2: the NOTIFY queue is one per server, and PostgreSQL guards no channel (any role may LISTEN or
-- NOTIFY any name). A tenant (it holds its session role's credentials) could listen on kubezap_events and
-- kubezap_session_state and learn every other session's activity, forge wake-ups, and with pg_notify fill the queue
-- behind a listener of its own that never reads, until every NOTIFY (every event insert's trigger) failed at commit.
--
-- - The channels get secret names: a fixed prefix and 128 random bits, kept in notification_channels, which only the
--   migrating admin reads. The operator (the owner) and the gateway read them through kubezap_notification_channel();
--   a session role can neither, so it cannot listen where the sessions' notifications go, nor notify there.
-- - pg_notify is no longer PUBLIC's. The events trigger and kubezap_notify_state_change() (what a session pod calls
--   when its state changed; a session role may name its own session only) notify as their owner (security definer). The NOTIFY
--   statement needs no privilege in PostgreSQL: it stays open to every role, onto channels it can name; what still
--   pins the queue (a listener that does not read) the operator's SessionConnectionGuard ends.
-- - The revoke needs the admin to own pg_notify (a superuser, as the chart's bundled PostgreSQL's); otherwise it does
--   nothing and says so (a warning), and only the secret names and the guard hold.
--
-- After `helm rollback` to the release before, its pods' state notices (pg_notify) are refused and its operator and
-- gateway listen on the old names: the operator then polls pods on its backstop intervals and the gateway's live
-- feed is silent until the upgrade is redone (docs/upgrades.md). Nothing it stores is touched.
create table notification_channels (
    purpose text primary key,
    channel text not null unique
);
alter table notification_channels enable row level security;
insert into notification_channels (purpose, channel) values
    ('kubezap_events', 'kubezap_events_' || replace(gen_random_uuid()::text, '-', '')),
    ('kubezap_session_state', 'kubezap_session_state_' || replace(gen_random_uuid()::text, '-', ''));

do $$
declare
    here text := quote_ident(current_schema());
begin
    execute replace($f$
        create function kubezap_notification_channel(purpose text) returns text
            language sql stable security definer set search_path = pg_catalog, @schema, pg_temp as
        $body$ select c.channel from @schema.notification_channels c where c.purpose = $1 $body$
        $f$, '@schema', here);
    execute replace($f$
        create or replace function kubezap_notify_event() returns trigger
            language plpgsql security definer set search_path = pg_catalog, @schema, pg_temp as
        $body$
        begin
            perform pg_notify(@schema.kubezap_notification_channel('kubezap_events'), new.id::text);
            return null;
        end
        $body$
        $f$, '@schema', here);
    execute replace($f$
        create function kubezap_notify_state_change(namespace text, session text) returns void
            language plpgsql security definer set search_path = pg_catalog, @schema, pg_temp as
        $body$
        begin
            if exists (select from @schema.session_roles r where r.role_name = session_user)
               and not exists (select from @schema.session_roles r
                               where r.role_name = session_user and (r.namespace, r.session) = ($1, $2)) then
                raise exception 'role % tells of its own session''s state changes only', session_user
                    using errcode = '42501';
            end if;
            perform pg_notify(@schema.kubezap_notification_channel('kubezap_session_state'), $1 || '/' || $2);
        end
        $body$
        $f$, '@schema', here);
end
$$;
revoke all on function kubezap_notification_channel(text) from public;
revoke all on function kubezap_notify_event() from public;
revoke all on function kubezap_notify_state_change(text, text) from public;
grant execute on function kubezap_notification_channel(text) to kubezap_gateway;
grant execute on function kubezap_notify_state_change(text, text) to kubezap_session;

revoke execute on function pg_notify(text, text) from public;
