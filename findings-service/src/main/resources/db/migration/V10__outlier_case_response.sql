-- The trust's response to an outlier case: its improvement need (action-plan) answered by a PDSA cycle or a decision.
alter table outlier_case add column response_kind text;
alter table outlier_case add column response_need_id uuid;
alter table outlier_case add column response_cycle_id uuid;
alter table outlier_case add column responded_at timestamptz;
