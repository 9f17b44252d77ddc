-- An improvement need: a concerning finding made someone's job. At most one open need per
-- organisation, microsystem and metric; later concerning findings become more evidence on it.
create table improvement_need (
    id                  uuid         primary key,
    organisation        varchar(10)  not null,
    microsystem         varchar(64),
    audit               varchar(64)  not null,
    metric              varchar(64)  not null,
    status              varchar(20)  not null check (status in ('open', 'closed')),
    opening_finding_id  uuid         not null,
    opened_at           timestamptz  not null,
    due_by              date         not null
);
create unique index improvement_need_one_open
    on improvement_need (organisation, coalesce(microsystem, ''), audit, metric) where status = 'open';
create index improvement_need_by_organisation on improvement_need (organisation, opened_at desc);

create table need_evidence (
    need_id     uuid         not null references improvement_need (id),
    finding_id  uuid         not null,
    period      varchar(7)   not null,
    variation   varchar(40)  not null,
    signals     text         not null,
    added_at    timestamptz  not null,
    primary key (need_id, finding_id)
);
