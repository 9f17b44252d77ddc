-- The chart an email carries inline (PNG drawn from findings' SVG when the message was recorded), or null.
alter table notification add column picture bytea;
