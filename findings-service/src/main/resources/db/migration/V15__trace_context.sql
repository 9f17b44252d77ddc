-- The W3C trace context (traceparent) of the events that made a series or funnel due: the recomputation joins that
-- trace, so the findings it publishes carry it on (EventTracing). Null: none.
alter table finding_due add column traceparent varchar(55);
