-- A team's rebase of its own microsystem chart: from this period on, the chart has a new centre and limits (a
-- change was adopted). Kept when undone (removed_*), so the history of the chart stays readable.
create table series_rebase (
    id              uuid        primary key,
    audit           text        not null,
    metric          text        not null,
    organisation    text        not null,
    microsystem     text        not null,
    period          text        not null,
    reason          text        not null,
    cycle_id        uuid,
    created_by      text        not null,
    created_at      timestamptz not null,
    removed_by      text,
    removed_at      timestamptz
);
create unique index series_rebase_active on series_rebase (audit, metric, organisation, microsystem, period)
    where removed_at is null;
create index series_rebase_series on series_rebase (audit, metric, organisation, microsystem);
