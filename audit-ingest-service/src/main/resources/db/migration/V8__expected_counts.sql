-- Standardised ratios: a result carries the count the audit's risk model expects for its patients.
alter table audit_result add column expected numeric;
alter table audit_result_revision add column expected numeric;
alter table audit_metric drop constraint audit_metric_type_check;
alter table audit_metric add constraint audit_metric_type_check
    check (type in ('proportion', 'rate', 'value', 'standardised-ratio'));
