-- Each metric states the periods its results are for; a result of another period is refused.
alter table audit_metric add column granularity varchar(10) not null default 'month'
    check (granularity in ('month', 'quarter', 'year'));
