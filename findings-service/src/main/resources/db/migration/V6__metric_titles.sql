-- The catalogue's titles, so charts say "Surgery within 36 hours (National Hip Fracture Database)", not codes.
alter table metric_settings add column audit_title varchar(300);
alter table metric_settings add column metric_title varchar(300);
