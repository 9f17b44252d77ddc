-- Contacts (who, in which role, on which channels, wanting what) and real delivery: one notification per
-- message, contact and channel, with GOV.UK Notify's statuses, attempts and retry times.
create table contact (
    id                   uuid          primary key,
    version              integer       not null,
    organisation         varchar(10)   not null,
    name                 varchar(200)  not null,
    role                 varchar(40)   not null check (role in ('clinical-lead', 'medical-director', 'chief-executive',
                             'audit-lead', 'improvement-lead', 'college-audit-lead', 'patient-representative')),
    email                varchar(320),
    webhook_url          varchar(2000),
    webhook_secret       varchar(200),
    webhook_disabled_at  timestamptz,
    event_types          jsonb         not null,
    audits               jsonb         not null,
    delivery             varchar(20)   not null check (delivery in ('immediate', 'daily-digest')),
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    check (email is not null or webhook_url is not null)
);
create index contact_by_organisation on contact (organisation, role);

alter table notification drop constraint notification_event_id_organisation_recipient_role_channel_key;
alter table notification
    add column contact_id       uuid references contact (id) on delete set null,
    add column recipient        varchar(2000),
    add column html_body        text,
    add column attempts         integer      not null default 0,
    add column next_attempt_at  timestamptz,
    add column reason           text,
    add column delivered_at     timestamptz,
    add column updated_at       timestamptz;
update notification set status = 'permanent-failure', reason = 'recorded before contacts existed',
    updated_at = created_at where channel = 'log';
update notification set updated_at = created_at where updated_at is null;
alter table notification alter column updated_at set not null;
alter table notification add constraint notification_status_check check (status in
    ('created', 'sending', 'delivered', 'temporary-failure', 'permanent-failure', 'technical-failure'));
-- The same fact never reaches the same contact twice on the same channel, across replays and restarts.
create unique index notification_once
    on notification (event_id, organisation, recipient_role, coalesce(contact_id::text, ''), channel);
-- The delivery worker's queue: due first.
create index notification_due on notification (next_attempt_at) where status in ('created', 'sending', 'temporary-failure');

create table delivery_attempt (
    notification_id  uuid         not null references notification (id),
    attempt          integer      not null,
    at               timestamptz  not null,
    status           varchar(20)  not null,
    detail           text,
    primary key (notification_id, attempt)
);
