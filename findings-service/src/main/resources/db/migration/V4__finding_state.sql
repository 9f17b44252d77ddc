-- The id of the event that brought each point: the audit-results consumer is idempotent by this revision-guarded
-- upsert, not by processed_event.
alter table series_point add column event_id varchar(200);

-- Findings become state: special causes of series and funnel outliers, open or resolved, with a version that
-- rises at every published change. The whole state (the event payload) is kept as JSON; the columns are for queries.
drop table finding;
create table finding (
    finding_id    uuid         primary key,
    kind          varchar(20)  not null,
    status        varchar(10)  not null,
    version       int          not null,
    orientation   varchar(12)  not null,
    -- What is recomputed together: the series key (special cause) or audit/metric@period (outlier).
    subject       varchar(320) not null,
    audit         varchar(64)  not null,
    metric        varchar(64)  not null,
    organisation  varchar(10)  not null,
    microsystem   varchar(64),
    period        varchar(7)   not null,
    state         jsonb        not null,
    raised_at     timestamptz  not null,
    updated_at    timestamptz  not null,
    resolved_at   timestamptz
) with (fillfactor = 80);
-- No index on updated_at or the state: a change of an open finding then rewrites its row in place (HOT).
create index finding_open_by_subject on finding (subject) where status = 'open';
create index finding_by_organisation on finding (organisation);
create index finding_by_audit on finding (audit, metric);

-- Recomputation due: written with the points that changed (or the settings), taken by the finding worker.
-- scope 'series': one series and its trust's (key = trust/microsystem, or trust/ for trust-level results);
-- 'funnel': one period (key).
create table finding_due (
    id         bigserial    primary key,
    audit      varchar(64)  not null,
    metric     varchar(64)  not null,
    scope      varchar(10)  not null,
    key        varchar(140) not null
);
-- No unique key: marking never waits for a worker taking the same unit; the worker takes duplicates once.
create index finding_due_by_metric on finding_due (audit, metric);
insert into finding_due (audit, metric, scope, key)
    select distinct audit, metric, 'series', organisation || '/' || coalesce(microsystem, '') from series_point;
insert into finding_due (audit, metric, scope, key)
    select distinct audit, metric, 'funnel', period from series_point where metric_type in ('proportion', 'rate');

-- Every series by its trust, so a trust's sum of microsystems is read by key, whatever the statistics say.
create table series (
    series_key   varchar(300) primary key,
    trust_key    varchar(200) not null,
    microsystem  varchar(64)
);
create index series_by_trust on series (trust_key);
insert into series (series_key, trust_key, microsystem)
    select distinct series_key, audit || '/' || metric || '/' || organisation, microsystem from series_point;

-- Each trust's series, as charts and funnels read it: per period the trust's own trust-level result when it
-- submitted one, else the sum of its microsystems (proportions and rates). Kept up to date with the points.
create table trust_point (
    series_key    varchar(300) not null,
    period        varchar(7)   not null,
    period_start  date         not null,
    audit         varchar(64)  not null,
    metric        varchar(64)  not null,
    organisation  varchar(10)  not null,
    metric_type   varchar(20)  not null,
    direction     varchar(20)  not null,
    target        numeric,
    numerator     bigint,
    denominator   bigint,
    value         numeric,
    own           boolean      not null,
    primary key (series_key, period)
);
create index trust_point_by_metric_period on trust_point (audit, metric, period);
insert into trust_point
    select series_key, period, period_start, audit, metric, organisation, metric_type, direction, target,
           numerator, denominator, value, true
    from series_point where microsystem is null;
insert into trust_point
    select audit || '/' || metric || '/' || organisation, period, min(period_start), audit, metric, organisation,
           min(metric_type), min(direction), max(target), sum(numerator), sum(denominator), null, false
    from series_point where microsystem is not null and metric_type in ('proportion', 'rate')
    group by audit, metric, organisation, period having bool_and(numerator is not null)
    on conflict do nothing;
-- Funnels now read trust_point.
drop index series_point_by_metric_period;
