-- A rejected event can be replayed by an admin after a fix (GET/POST /api/v1/rejected-events): who, when, outcome.
alter table rejected_event add column replayed_at timestamptz;
alter table rejected_event add column replayed_by text;
alter table rejected_event add column replay_outcome text;
create index rejected_event_open on rejected_event (consumer, id) where replay_outcome is distinct from 'processed';
