-- The W3C trace context (traceparent, tracestate) of the API request that caused a message or an event, so that the
-- webhook delivery and the event sinks' CloudEvents of that event carry it on (docs/architecture.md, Observability).
-- A sent message keeps its request's context for the events that follow it later (message.sent, message.status,
-- message.failed); events nobody requested (incoming messages, session changes) carry none.
alter table messages add column traceparent text, add column tracestate text;
alter table events add column traceparent text, add column tracestate text;
