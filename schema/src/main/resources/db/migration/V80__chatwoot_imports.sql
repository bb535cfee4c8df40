-- Issue 54 part 3: the Chatwoot connector's import of recent history (spec.chatwoot.importMessages).
--
-- chatwoot_imports holds the past messages still to be imported into Chatwoot: one row per message, written in the
-- transaction that stores a history batch (and, once, in the transaction that records the first link to an inbox, for
-- history stored before Chatwoot was configured), only for messages of the last daysLimitImportMessages days that
-- Chatwoot does not have yet (no row in chatwoot_messages). A row is deleted in the transaction that records the
-- message's Chatwoot id, so a message is imported once: "attempted_at" is set before its first post, and a row found
-- attempted after a restart is first looked for in Chatwoot by its source_id. Deleting the message (retention) drops
-- its row.
--
-- A new table only: the previous release neither reads nor writes it (compatible with it).
create table chatwoot_imports (
    namespace    text        not null,
    session      text        not null,
    message_id   text        not null,
    sent_at      timestamptz not null,
    queued_at    timestamptz not null,
    attempted_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text,
    primary key (namespace, session, message_id),
    foreign key (namespace, session, message_id) references messages (namespace, session, id) on delete cascade
);
create index chatwoot_imports_oldest on chatwoot_imports (namespace, session, sent_at, message_id);
