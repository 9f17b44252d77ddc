-- Each audit's outlier policy, from the catalogue (null policy: no outlier analysis).
create table outlier_policy (
    audit           text        primary key,
    policy          jsonb,
    audit_version   int         not null,
    updated_at      timestamptz not null
);

-- One closed analysis period of one metric, analysed once from complete data, and again when its data are revised:
-- each trust's totals and level, a digest of the data it ran on, and what changed at the last run.
create table outlier_analysis (
    audit           text        not null,
    metric          text        not null,
    period          text        not null,
    first_month     text        not null,
    last_month      text        not null,
    target          double precision not null,
    units           jsonb       not null,
    digest          text        not null,
    runs            int         not null,
    changes         jsonb       not null,
    analysed_at     timestamptz not null,
    primary key (audit, metric, period)
);

-- One trust's outlier case in one analysis period, moved through the policy's stages; state holds the case with
-- its history, the columns what lists filter and sort on.
create table outlier_case (
    id              uuid        primary key,
    audit           text        not null,
    metric          text        not null,
    period          text        not null,
    organisation    text        not null,
    level           text        not null,
    stage           text        not null,
    due_by          date,
    state           jsonb       not null,
    version         int         not null,
    opened_at       timestamptz not null,
    updated_at      timestamptz not null,
    unique (audit, metric, period, organisation)
);
create index outlier_case_by_organisation on outlier_case (organisation, stage);
