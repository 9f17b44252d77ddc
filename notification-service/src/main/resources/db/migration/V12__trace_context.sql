-- The W3C trace context (traceparent) of the event that caused each notification: its delivery joins that trace
-- (DeliveryWorker), so a result can be followed to the email it led to. Null: none.
alter table notification add column traceparent varchar(55);
