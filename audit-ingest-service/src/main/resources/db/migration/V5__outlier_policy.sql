-- An audit's outlier policy (analysis period, when submissions close, metrics compared, stage timescales).
alter table audit add column outlier_policy jsonb;
