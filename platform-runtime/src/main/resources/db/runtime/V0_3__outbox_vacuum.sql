-- The outbox tables are queues: every row is inserted and soon deleted. Vacuum them after a fixed number of
-- dead rows rather than a fraction of the table, so a burst does not leave the relay's index scans wading
-- through dead entries.
alter table outbox_event set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
    autovacuum_vacuum_cost_delay = 0, autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 10000);

-- In-doubt marks per relay batch (one row: the batch's id range) instead of per event: one insert per batch.
drop table outbox_in_doubt;
create table outbox_batch_in_doubt (
    first_id  bigint       primary key,
    last_id   bigint       not null,
    since     timestamptz  not null
);
