-- Issue 68, item 3: what PUBLIC (so every session role, whose credentials its tenant holds) may still do on the shared
-- server besides writing the session tables, where V78's quota counts every row:
-- - large objects (lo_from_bytea, lo_create/lo_creat with lowrite, lo_put): stored in pg_largeobject, which no quota
--   sees (20 MB under a 64 KiB quota were measured);
-- - pg_logical_emit_message: writes WAL of any size (100 MB a call), kept for every replica and archive;
-- - advisory locks: a session-level lock outlives its transaction, many of them fill the server's shared lock table
--   (every other session's statements then fail), and the migrations take one;
-- - CREATE on the schema: tables, functions, sequences a session could fill outside the quota (PostgreSQL 15 and later
--   already grant it to nobody; earlier versions give it to PUBLIC).
-- No kubezap role uses any of them (the session pods write rows, the gateway reads; the admin keeps them all as
-- their owner or superuser). TEMP on this database went in V50.
--
-- The revokes on pg_catalog's functions need the admin to own them (a superuser, as the chart's bundled
-- PostgreSQL's); otherwise each does nothing and says so (a warning). Nothing the previous release's pods run uses them.
do $$
declare
    f regprocedure;
begin
    for f in
        select p.oid::regprocedure from pg_proc p
        where p.pronamespace = 'pg_catalog'::regnamespace
          and (p.proname like 'lo\_%' or p.proname in ('loread', 'lowrite', 'pg_logical_emit_message')
               or p.proname like 'pg\_advisory\_%' or p.proname like 'pg\_try\_advisory\_%')
          and has_function_privilege('public', p.oid, 'execute')
    loop
        execute format('revoke execute on function %s from public', f);
    end loop;
    execute format('revoke create on schema %I from public', current_schema());
end
$$;
