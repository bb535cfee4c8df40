-- Sending like a person (issue 38): the caller's key/value pairs stored with a message and echoed in its events;
-- what WhatsApp shows about a message beyond its content (forwarded, view once, a link preview), both directions.
alter table messages add column metadata jsonb, add column traits jsonb;
-- How a send is paced like a person: show composing (or recording) to the chat for delay_ms before it goes out.
alter table outbound_queue add column delay_ms integer not null default 0, add column typing boolean not null default false;
