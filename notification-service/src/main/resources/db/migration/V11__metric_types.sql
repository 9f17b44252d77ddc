-- Audits: metric code to type, so disclosures write a standardised ratio as observed against expected.
alter table catalogue_entry add column metric_types jsonb not null default '{}'::jsonb;
