-- A result's id is a name-based UUID of its natural key (audit, metric, organisation, microsystem, period),
-- so the primary key already keeps each natural key once; the second unique index only cost every write.
drop index audit_result_natural_key;
