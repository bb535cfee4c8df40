-- Issue 51, item 1: the ids of events, webhook deliveries and the history tables come from sequences every session
-- shares. A session role could choose them (insert with an id ahead of the sequence: another session's insert then
-- fails on the key, an incoming message acknowledged to WhatsApp is lost; or an event at the end of the id range, which
-- the gateway's feed follows) and advance the sequences (usage on them was granted). From now on the database alone
-- draws them: a column fed by a sequence has no default a session could evaluate, and a trigger, security definer
-- (the session role has no right on the sequence), gives every row a session inserts the next value, whatever id the
-- statement named, and refuses to change it afterwards. The tables' owner (the migrating admin: a restore, a move)
-- keeps the ids it writes. afterMigrate.sql applies this to every sequence-fed column, those of later migrations too,
-- and revokes every sequence from kubezap_session.
--
-- Compatible with the previous release: its statements name no id, and `insert … returning id` gets the drawn one.
create function kubezap_database_assigns_ids(target regclass, id_column name) returns void
    language plpgsql as $$
declare
    table_name name := (select relname from pg_class where oid = target);
    owner      name := (select pg_get_userbyid(relowner) from pg_class where oid = target);
    sequence   text := pg_get_serial_sequence(target::text, id_column);
    assigner   text := format('kubezap_ids_%s_%s', table_name, id_column);
begin
    execute format($function$
        create or replace function %1$I() returns trigger
            language plpgsql security definer set search_path = pg_catalog, pg_temp as $body$
        begin
            if pg_has_role(session_user, %4$L, 'member') then
                if tg_op = 'INSERT' and new.%2$I is null then
                    new.%2$I := nextval(%3$L::regclass);
                end if;
            elsif tg_op = 'INSERT' then
                new.%2$I := nextval(%3$L::regclass);
            elsif new.%2$I is distinct from old.%2$I then
                raise exception 'the %2$s of %5$s is assigned by the database' using errcode = '42501';
            end if;
            return new;
        end
        $body$ $function$, assigner, id_column, sequence, owner, table_name);
    execute format('revoke all on function %I() from public', assigner);
    if (select atthasdef from pg_attribute where attrelid = target and attname = id_column) then
        execute format('alter table %s alter column %I drop default', target, id_column);
    end if;
    if not exists (select from pg_trigger where tgrelid = target and tgname = 'kubezap_ids_' || id_column) then
        execute format('create trigger %I before insert or update of %I on %s for each row execute function %I()',
                       'kubezap_ids_' || id_column, id_column, target, assigner);
    end if;
end
$$;
revoke all on function kubezap_database_assigns_ids(regclass, name) from public;
