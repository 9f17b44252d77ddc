-- The W3C trace context (traceparent) in which each event was written; the relay sends it as the CloudEvents
-- traceparent extension (ce_traceparent), so the consumer's work joins the producer's trace. Null: none.
alter table outbox_event add column traceparent varchar(55);
