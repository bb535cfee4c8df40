-- The gateway's view of every session: it reads events (its live feed and their replay), messages and webhook
-- deliveries (global stats) of all sessions, and writes nothing. It logs in with the admin credential and switches
-- to this role on every connection (set role), so row-level security limits it to these reads.
do $$
begin
    if not exists (select from pg_roles where rolname = 'kubezap_gateway') then
        create role kubezap_gateway nologin;
    end if;
end
$$;
grant kubezap_gateway to current_user;

do $$
declare
    t text;
begin
    execute format('grant usage on schema %I to kubezap_gateway', current_schema());
    foreach t in array array['events', 'messages', 'webhook_deliveries'] loop
        execute format('grant select on %I to kubezap_gateway', t);
        execute format('create policy kubezap_gateway on %I for select to kubezap_gateway using (true)', t);
    end loop;
end
$$;

-- A committed event wakes every gateway replica listening on this channel. The payload is the id only
-- (notifications are limited to 8000 bytes; a replica with nobody to tell reads nothing).
create function kubezap_notify_event() returns trigger language plpgsql as $$
begin
    perform pg_notify('kubezap_events', new.id::text);
    return null;
end
$$;
create trigger events_notify after insert on events for each row execute function kubezap_notify_event();

-- GET /api/v1/stats: the latest messages of all sessions without sorting them all, and the counts read from an
-- index alone (index-only scans) rather than from every row
create index messages_latest on messages (created_at desc, id desc);
create index messages_figures on messages (namespace, session, direction, status, created_at);
