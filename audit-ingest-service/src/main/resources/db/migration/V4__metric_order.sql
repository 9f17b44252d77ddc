-- Metrics keep the order their audit definition lists them in (the catalogue answers and events show it).
alter table audit_metric add column position int;
update audit_metric m set position = o.position
  from (select audit_code, code, row_number() over (partition by audit_code order by code) - 1 as position
          from audit_metric) o
 where m.audit_code = o.audit_code and m.code = o.code;
alter table audit_metric alter column position set not null;

-- A metric row is its audit's n-th metric; replacing the list rewrites rows by position, so a code or FHIR
-- Measure URL may sit on two rows for a moment inside the transaction: those stay unique at commit.
alter table audit_metric drop constraint audit_metric_pkey;
alter table audit_metric add primary key (audit_code, position);
alter table audit_metric add constraint audit_metric_code_unique unique (audit_code, code) deferrable initially deferred;
drop index audit_metric_fhir_measure;
alter table audit_metric add constraint audit_metric_fhir_measure_unique unique (fhir_measure) deferrable initially deferred;
