-- Stored series now take their limits from a 20-point baseline by default (Making Data Count): every series is
-- computed again once, so findings held from all-point limits follow the new ones (the worker takes these on start).
insert into finding_due (audit, metric, scope, key)
    select distinct audit, metric, 'series', organisation || '/' || coalesce(microsystem, '') from series_point;
