-- A trust withdraws a wrong result: a revision without numbers, with the reason, kept in the history. A later
-- submission of the same result brings it back as a new revision.
alter table audit_result add column withdrawn_reason varchar(500);
alter table audit_result add column withdrawn_at timestamptz;
alter table audit_result_revision add column withdrawn_reason varchar(500);
