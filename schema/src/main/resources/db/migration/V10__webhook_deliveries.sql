-- Webhook outbox: one row per (event, endpoint), written in the same transaction as the event.
-- id is the Standard Webhooks webhook-id: stable across retries, for receivers to de-duplicate.
-- seq orders deliveries per endpoint (head-of-line: an endpoint gets its events in order).
create table webhook_deliveries (
    id               text        primary key,
    seq              bigserial   not null unique,
    namespace        text        not null,
    session          text        not null,
    event_id         bigint      not null references events (id) on delete cascade,
    event_type       text        not null,
    endpoint_url     text        not null,
    payload          text        not null,
    status           text        not null check (status in ('pending', 'delivered', 'failed')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    last_attempt_at  timestamptz,
    last_status_code int,
    last_error       text,
    created_at       timestamptz not null,
    delivered_at     timestamptz
);
create index webhook_deliveries_head on webhook_deliveries (namespace, session, endpoint_url, seq) where status = 'pending';
create index webhook_deliveries_recent on webhook_deliveries (namespace, session, seq desc);
