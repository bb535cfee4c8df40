-- Retention (issue 35, item 12) deletes old events in batches: the cascade to their deliveries, and the check that an
-- event has none still pending, look deliveries up by event; without this index each deleted event scanned the table.
create index webhook_deliveries_event on webhook_deliveries (event_id);
