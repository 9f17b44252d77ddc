-- The catalogue's view of each metric, from pdsa.catalogue.v1: how to chart it. The latest version wins.
create table metric_settings (
    audit         varchar(64)  not null,
    metric        varchar(64)  not null,
    metric_type   varchar(20)  not null,
    direction     varchar(20)  not null,
    target        numeric,
    spc           jsonb,
    audit_version int          not null,
    updated_at    timestamptz  not null,
    primary key (audit, metric)
);
