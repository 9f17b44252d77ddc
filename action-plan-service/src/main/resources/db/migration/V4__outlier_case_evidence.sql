-- An outlier case of a closed analysis period (findings-service) behind a need: its finding_id is the case id.
alter table need_evidence drop constraint need_evidence_kind_check;
alter table need_evidence add constraint need_evidence_kind_check check (kind in ('special-cause', 'outlier', 'outlier-case'));
