-- A funnel plot reads every organisation's points of one metric and period.
create index series_point_by_metric_period on series_point (audit, metric, period);
