-- The delivery log: one row per message per recipient per channel. The unique key makes a
-- repeated event (replay, redelivery) unable to message the same recipient twice.
create table notification (
    id               uuid         primary key,
    event_id         varchar(200) not null,
    event_type       varchar(200) not null,
    organisation     varchar(10)  not null,
    audience         varchar(40)  not null,
    recipient_role   varchar(40)  not null,
    channel          varchar(20)  not null,
    subject          varchar(300) not null,
    body             text         not null,
    status           varchar(20)  not null,
    created_at       timestamptz  not null,
    unique (event_id, organisation, recipient_role, channel)
);
create index notification_by_organisation on notification (organisation, created_at desc);
