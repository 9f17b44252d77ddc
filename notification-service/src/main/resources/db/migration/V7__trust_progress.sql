-- What a trust has done about a measure, from action-plan's events: each PDSA cycle per measure it means to move
-- (started, and how its Act decided), and each improvement need that ended improved. Patient groups see the
-- counts beside a published finding ("what the trust has done since"), never the cycles themselves.
create table cycle_progress (
    cycle_id uuid not null,
    organisation text not null,
    audit text not null,
    metric text not null,
    started_at timestamptz not null,
    act_decision text,
    completed_at timestamptz,
    primary key (cycle_id, organisation, audit, metric)
);
create index cycle_progress_measure on cycle_progress (organisation, audit, metric);

create table need_improved (
    need_id uuid primary key,
    organisation text not null,
    audit text not null,
    metric text not null,
    improved_at timestamptz not null
);
create index need_improved_measure on need_improved (organisation, audit, metric);
