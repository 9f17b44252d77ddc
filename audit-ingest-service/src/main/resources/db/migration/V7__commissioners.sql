-- A commissioner (an integrated care board) oversees the trusts it commissions, listed as its members.
alter table organisation add column members jsonb not null default '[]';
alter table organisation drop constraint organisation_type_check;
alter table organisation add constraint organisation_type_check
    check (type in ('trust', 'college', 'patient-group', 'regulator', 'commissioner'));
