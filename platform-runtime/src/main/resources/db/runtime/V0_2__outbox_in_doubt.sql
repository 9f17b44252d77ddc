-- Outbox rows handed to the Kafka producer whose deletion has not committed yet. If the process dies
-- between the broker's acknowledgement and that commit, the next relay finds these marks and looks the
-- events up on their topic before sending them again, so each event reaches the topic once.
create table outbox_in_doubt (
    id     bigint       primary key,
    since  timestamptz  not null
);
