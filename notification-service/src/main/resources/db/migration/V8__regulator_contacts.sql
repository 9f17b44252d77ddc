-- The regulator's contact (CQC): hears of confirmed outlier alarms and of trusts that fail to respond.
alter table contact drop constraint contact_role_check;
alter table contact add constraint contact_role_check check (role in ('clinical-lead', 'medical-director',
    'chief-executive', 'audit-lead', 'improvement-lead', 'college-audit-lead', 'patient-representative', 'regulator-lead'));
