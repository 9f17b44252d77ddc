-- Needs answered by PDSA cycles or decisions, escalated while unanswered; cycles with their worksheet;
-- a history of every change. Versions count changes and are the REST ETags.
alter table improvement_need drop constraint improvement_need_status_check;
update improvement_need set status = 'closed' where status not in ('open', 'closed');
alter table improvement_need
    add constraint improvement_need_status_check check (status in ('open', 'in-progress', 'closed', 'improved')),
    add column version             integer      not null default 1,
    add column answer_kind         varchar(10)  check (answer_kind in ('cycle', 'decision')),
    add column answer_cycle_id     uuid,
    add column answer_rationale    text,
    add column answered_by         varchar(200),
    add column answered_at         timestamptz,
    add column escalation_level    integer      not null default 0,
    add column escalation_role     varchar(64),
    add column escalation_days     integer,
    add column escalated_at        timestamptz,
    add column concern_resolved_at timestamptz,
    add column improved_at         timestamptz,
    add column updated_at          timestamptz;
update improvement_need set updated_at = opened_at;
alter table improvement_need alter column updated_at set not null;

-- A need stays the place for new concerns while it is open or a cycle is answering it.
drop index improvement_need_one_open;
create unique index improvement_need_one_active
    on improvement_need (organisation, coalesce(microsystem, ''), audit, metric) where status in ('open', 'in-progress');
-- The overdue watch reads unanswered needs by due date.
create index improvement_need_unanswered on improvement_need (due_by) where status = 'open';

alter table need_evidence
    add column kind        varchar(20) not null default 'special-cause' check (kind in ('special-cause', 'outlier')),
    add column status      varchar(10) not null default 'open' check (status in ('open', 'resolved')),
    add column resolved_at timestamptz;
create index need_evidence_by_finding on need_evidence (finding_id);

create table pdsa_cycle (
    id                   uuid          primary key,
    version              integer       not null,
    need_id              uuid          references improvement_need (id),
    ramp_id              uuid          not null,
    previous_cycle_id    uuid          unique references pdsa_cycle (id),
    sequence             integer       not null check (sequence >= 1),
    organisation         varchar(10)   not null,
    microsystem          varchar(64),
    stage                varchar(10)   not null check (stage in ('plan', 'do', 'study', 'act')),
    title                varchar(200)  not null,
    owner                jsonb         not null,
    plan                 jsonb         not null,
    do_record            jsonb,
    study                jsonb,
    act                  jsonb,
    act_decision         varchar(10)   check (act_decision in ('adopt', 'adapt', 'abandon')),
    suggested_score      numeric(2, 1) not null,
    team_score           numeric(2, 1) check (team_score between 0.5 and 5.0),
    team_score_note      text,
    planned_end          date          not null,
    overdue_for          date,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null
);
create index pdsa_cycle_by_microsystem on pdsa_cycle (organisation, microsystem, stage);
create index pdsa_cycle_by_need on pdsa_cycle (need_id);
create index pdsa_cycle_by_ramp on pdsa_cycle (ramp_id, sequence);
create index pdsa_cycle_running on pdsa_cycle (planned_end) where stage <> 'act';

-- Who changed what, when: one row per change of a need or a cycle.
create table change_history (
    id            bigint        generated always as identity primary key,
    subject_type  varchar(10)   not null check (subject_type in ('need', 'cycle')),
    subject_id    uuid          not null,
    version       integer       not null,
    action        varchar(40)   not null,
    actor         varchar(200)  not null,
    at            timestamptz   not null,
    details       jsonb         not null
);
create index change_history_by_subject on change_history (subject_id, id);
