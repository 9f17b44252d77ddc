-- Transactional outbox: written in the same transaction as the state change it announces,
-- published to Kafka by OutboxRelay, deleted once the broker has acknowledged it (acks=all).
create table outbox_event (
    id           bigserial primary key,
    event_id     uuid         not null unique,
    topic        varchar(200) not null,
    message_key  varchar(500) not null,
    ce_type      varchar(200) not null,
    subject      varchar(500) not null,
    payload      text         not null,
    occurred_at  timestamptz  not null
);

-- Idempotent consumers: one row per (consumer, event id), inserted in the transaction of the effect.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(200) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);

-- Events a consumer could not understand (missing CloudEvents headers, payload against the contract):
-- kept with their payload and position so nothing is silently dropped.
create table rejected_event (
    id           bigserial primary key,
    consumer     varchar(100) not null,
    event_id     varchar(200),
    topic        varchar(200) not null,
    kafka_partition int       not null,
    kafka_offset bigint       not null,
    reason       text         not null,
    payload      text,
    rejected_at  timestamptz  not null default now()
);
