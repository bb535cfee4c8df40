-- History sync (issue 37): a message that came with the phone's history (at linking or on demand), not live. The
-- partial index keeps counting them (the bound on history a session stores) cheap.
alter table messages add column history boolean not null default false;
create index messages_history on messages (namespace, session) where history;
