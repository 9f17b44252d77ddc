-- Every catalogue entry carries a version that increases with each change; its catalogue event carries it.
alter table audit add column version int not null default 1;

-- The FHIR Measure a MeasureReport names for the metric, and the metric's SPC settings (null: defaults).
alter table audit_metric add column fhir_measure varchar(500);
update audit_metric set fhir_measure = 'https://pdsa.nhs.uk/fhir/Measure/' || audit_code || '-' || code;
alter table audit_metric alter column fhir_measure set not null;
create unique index audit_metric_fhir_measure on audit_metric (fhir_measure);
alter table audit_metric add column spc jsonb;

-- Trusts submit results; colleges and patient groups receive messages.
create table organisation (
    code         varchar(10)  primary key,
    name         varchar(300) not null,
    type         varchar(20)  not null check (type in ('trust', 'college', 'patient-group')),
    specialties  jsonb        not null default '[]',
    version      int          not null,
    updated_at   timestamptz  not null
);

-- Clinical microsystems: the front-line teams of a trust that run improvement cycles.
create table organisation_microsystem (
    organisation_code  varchar(10)  not null references organisation (code) on delete cascade,
    code               varchar(64)  not null,
    name               varchar(300) not null,
    primary key (organisation_code, code)
);

-- Responses to requests that carried an Idempotency-Key, written in the transaction of their effect.
create table idempotency_record (
    submitter        varchar(200) not null,
    idempotency_key  varchar(255) not null,
    request_hash     varchar(64)  not null,
    status           int          not null,
    location         varchar(500),
    body             text         not null,
    created_at       timestamptz  not null,
    primary key (submitter, idempotency_key)
);
create index idempotency_record_by_age on idempotency_record (created_at);
