-- A tenant logs in with its session's own role (its credentials are in its namespace); temporary tables would let it
-- fill the shared server's disk and catalogue outside every quota. No kubezap role needs them: only the database's
-- owner (the migrating admin) keeps the right. Without ownership the revoke does nothing and says so (a warning).
do $$
begin
    execute format('revoke temporary on database %I from public', current_database());
end
$$;
