-- Who may read which findings: each audit's specialty, and each college's specialties (from the catalogue).
-- A college reads the findings of every organisation for the audits of the specialties it covers.
create table audit_specialty (
    audit          text     primary key,
    specialty      text     not null,
    audit_version  integer  not null
);
create table college_scope (
    organisation          text     primary key,
    specialties           text[]   not null,
    organisation_version  integer  not null
);
