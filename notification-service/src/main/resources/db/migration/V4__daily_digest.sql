-- Contacts who chose a daily digest: their email notifications wait (digest = true, not due) until the digest
-- run gathers them into one email, which then carries the delivery status; each waiting row names its digest.
alter table notification
    add column digest     boolean  not null default false,
    add column digest_id  uuid;
create index notification_waiting_for_digest on notification (contact_id) where digest and digest_id is null;
