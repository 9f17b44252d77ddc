-- The latest revision of each point of each series, as received from audit-results events.
create table series_point (
    series_key    varchar(300) not null,
    period        varchar(7)   not null,
    period_start  date         not null,
    audit         varchar(64)  not null,
    metric        varchar(64)  not null,
    organisation  varchar(10)  not null,
    microsystem   varchar(64),
    metric_type   varchar(20)  not null,
    direction     varchar(20)  not null,
    target        numeric,
    numerator     bigint,
    denominator   bigint,
    value         numeric,
    result_id     uuid         not null,
    revision      int          not null,
    updated_at    timestamptz  not null,
    primary key (series_key, period)
);
create index series_point_by_organisation on series_point (organisation, audit, metric);

-- Findings raised: the latest point of a series showed special cause variation.
create table finding (
    finding_id    uuid         primary key,
    series_key    varchar(300) not null,
    audit         varchar(64)  not null,
    metric        varchar(64)  not null,
    organisation  varchar(10)  not null,
    microsystem   varchar(64),
    period        varchar(7)   not null,
    chart         varchar(10)  not null,
    variation     varchar(40)  not null,
    value         double precision not null,
    centre_line   double precision not null,
    lower_limit   double precision not null,
    upper_limit   double precision not null,
    signals       text         not null,
    raised_at     timestamptz  not null
);
create index finding_by_organisation on finding (organisation, raised_at desc);
create index finding_by_series on finding (series_key, period);
