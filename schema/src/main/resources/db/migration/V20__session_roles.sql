-- Tenant isolation. Each session pod logs in with its own role, created by the operator as a member of
-- kubezap_session and recorded here; row-level security (afterMigrate.sql, on every table) lets a role see and
-- write only the rows of its own (namespace, session). The admin that runs migrations owns the tables.
do $$
begin
    if not exists (select from pg_roles where rolname = 'kubezap_session') then
        create role kubezap_session nologin;
    end if;
end
$$;

create table session_roles (
    role_name  text        primary key,
    namespace  text        not null,
    session    text        not null,
    created_at timestamptz not null default now(),
    unique (namespace, session)
);
-- a session role reads its own mapping row (the other tables' policies look it up); its policy cannot use the
-- generic one, which reads this table
alter table session_roles enable row level security;
create policy kubezap_tenant on session_roles to kubezap_session using (role_name = current_user);
grant select on session_roles to kubezap_session;
