create table audit (
    code        varchar(64)  primary key,
    title       varchar(300) not null,
    specialty   varchar(100) not null,
    updated_at  timestamptz  not null
);

create table audit_metric (
    audit_code  varchar(64)  not null references audit (code) on delete cascade,
    code        varchar(64)  not null,
    title       varchar(300) not null,
    type        varchar(20)  not null check (type in ('proportion', 'rate', 'value')),
    direction   varchar(20)  not null check (direction in ('higher-is-better', 'lower-is-better', 'neutral')),
    target      numeric,
    unit        varchar(50),
    primary key (audit_code, code)
);

-- The current state of each result; id is derived from the natural key.
create table audit_result (
    id            uuid         primary key,
    audit         varchar(64)  not null,
    metric        varchar(64)  not null,
    organisation  varchar(10)  not null,
    microsystem   varchar(64),
    period        varchar(7)   not null,
    revision      int          not null,
    numerator     bigint,
    denominator   bigint,
    value         numeric,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);
create unique index audit_result_natural_key
    on audit_result (audit, metric, organisation, coalesce(microsystem, ''), period);
create index audit_result_by_organisation on audit_result (organisation, audit, metric, period);

-- Every accepted revision, kept: who submitted which numbers, and when.
create table audit_result_revision (
    result_id     uuid         not null references audit_result (id),
    revision      int          not null,
    numerator     bigint,
    denominator   bigint,
    value         numeric,
    recorded_at   timestamptz  not null,
    submitted_by  varchar(200) not null,
    primary key (result_id, revision)
);
