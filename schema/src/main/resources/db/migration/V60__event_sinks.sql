-- Event sinks (Kafka, NATS, RabbitMQ): one row per (event, sink) still to publish, written in the same transaction as
-- the event, deleted in the transaction that moves the sink's cursor past it. A sink publishes its rows in event-id
-- order and never skips one, so it gets its events in order, at least once.
create table sink_deliveries (
    namespace text   not null,
    session   text   not null,
    sink      text   not null,
    event_id  bigint not null references events (id) on delete cascade,
    primary key (namespace, session, sink, event_id)
);

-- Each sink's cursor: the last event it published, and what its last attempt came to (the API's delivery status).
create table sink_cursors (
    namespace         text        not null,
    session           text        not null,
    sink              text        not null,
    last_event_id     bigint,
    delivered_at      timestamptz,
    last_attempt_at   timestamptz,
    last_error        text,
    failing_since     timestamptz,
    primary key (namespace, session, sink)
);
