-- The regulator (the Care Quality Commission) is an organisation of the catalogue: it is told of confirmed outlier
-- alarms and of trusts that fail to respond to theirs.
alter table organisation drop constraint organisation_type_check;
alter table organisation add constraint organisation_type_check
    check (type in ('trust', 'college', 'patient-group', 'regulator'));
