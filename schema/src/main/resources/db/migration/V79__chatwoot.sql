-- Issue 54 part 3: the Chatwoot connector (spec.chatwoot), run by the session pod itself.
--
-- chatwoot_deliveries is its outbox: one row per event it mirrors into Chatwoot, written in the transaction that records
-- the event (as webhook_deliveries and sink_deliveries), deleted in the transaction that records what the event became
-- in Chatwoot. Events are mirrored in id order, each at least once; "attempted_at" is set before the first call to
-- Chatwoot, so a row found attempted after a restart is looked for in Chatwoot (by the source_id the connector gives each
-- message) before it is posted again: no loss, no duplicate.
--
-- The other tables say what is what on both sides: the session's inbox and the secret token in the webhook URL Chatwoot
-- calls (chatwoot_inboxes), the Chatwoot contact and conversation of each WhatsApp chat (chatwoot_conversations), and
-- which Chatwoot message each message is (chatwoot_messages, for replies, reactions and receipts).
--
-- New tables only: the previous release neither reads nor writes them (compatible with it).
create table chatwoot_deliveries (
    namespace    text        not null,
    session      text        not null,
    event_id     bigint      not null references events (id) on delete cascade,
    attempted_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text,
    primary key (namespace, session, event_id)
);

create table chatwoot_inboxes (
    namespace     text        not null,
    session       text        not null,
    account_id    bigint      not null,
    inbox_id      bigint      not null,
    webhook_token text        not null,
    linked_at     timestamptz not null,
    primary key (namespace, session)
);

create table chatwoot_conversations (
    namespace       text   not null,
    session         text   not null,
    chat            text   not null,
    contact_id      bigint not null,
    source_id       text   not null,
    conversation_id bigint not null,
    primary key (namespace, session, chat)
);
create index chatwoot_conversations_by_id on chatwoot_conversations (namespace, session, conversation_id);

create table chatwoot_messages (
    namespace           text   not null,
    session             text   not null,
    message_id          text   not null,
    wa_message_id       text,
    conversation_id     bigint not null,
    chatwoot_message_id bigint not null,
    primary key (namespace, session, message_id)
);
create index chatwoot_messages_by_wa_id on chatwoot_messages (namespace, session, wa_message_id);
